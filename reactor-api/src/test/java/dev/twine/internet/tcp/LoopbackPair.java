package dev.twine.internet.tcp;

import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A connected pair of real loopback sockets for unit tests of the buffer classes: {@link #writer} is a
 * non-blocking {@link StreamSocketHandle} (a minimal NIO adapter, not a backend), {@link #reader} a plain
 * blocking channel the test drains.
 *
 * <p>Not the shared {@code dev.twine.testfixtures.LoopbackSockets} kit: that kit needs a backend's
 * {@code SocketProvider}, and reactor-api has none (every backend depends on it, not the other way), so
 * these buffer tests bring the smallest JDK-channel handle that {@link WriteBuffer#flushTo} can drive.
 */
final class LoopbackPair implements AutoCloseable {
    final Handle writer;
    final SocketChannel reader;

    LoopbackPair(int sendBufferSize) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open();
            if (sendBufferSize > 0) {
                client.setOption(StandardSocketOptions.SO_SNDBUF, sendBufferSize);
            }
            client.connect(server.getLocalAddress());
            reader = server.accept();
            client.configureBlocking(false);
            writer = new Handle(client);
        }
    }

    /** Reads exactly {@code n} bytes from the reader side (blocking, bounded by the test's timeout). */
    byte[] readExactly(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (reader.read(b) < 0) {
                throw new IOException("EOF after " + b.position() + " of " + n + " bytes");
            }
        }
        return b.array();
    }

    @Override
    public void close() throws IOException {
        writer.close();
        reader.close();
    }

    /** Just enough of {@link StreamSocketHandle} for {@link WriteBuffer#flushTo}. */
    static final class Handle implements StreamSocketHandle {
        private final SocketChannel ch;
        int gatheringWrites;

        Handle(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return ch.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            gatheringWrites++;
            return ch.write(srcs, offset, length);
        }

        @Override
        public int fileno() {
            return -1;
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }

        @Override
        public boolean connect(InetSocketAddress remote) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean finishConnect() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void bind(InetSocketAddress local) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return ch.read(dst);
        }

        @Override
        public void shutdownOutput() throws IOException {
            ch.shutdownOutput();
        }

        @Override
        public void shutdownInput() throws IOException {
            ch.shutdownInput();
        }

        @Override
        public void abort() throws IOException {
            ch.close();
        }

        @Override
        public InetSocketAddress localAddress() throws IOException {
            return (InetSocketAddress) ch.getLocalAddress();
        }

        @Override
        public InetSocketAddress remoteAddress() throws IOException {
            return (InetSocketAddress) ch.getRemoteAddress();
        }

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public boolean getTcpNoDelay() {
            return false;
        }

        @Override
        public void setKeepAlive(boolean on) {
        }

        @Override
        public boolean getKeepAlive() {
            return false;
        }
    }
}
