package dev.twine.backend.select;

import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking {@link SocketChannel} as a {@link StreamSocketHandle}. JDK exceptions are translated by
 * {@link NioErrors}; "would block" is a zero return. Reactor thread only.
 */
final class NioStreamSocket extends NioHandle implements StreamSocketHandle {
    private final SocketChannel ch;
    /** An {@code AF_UNIX} channel: no IP addresses, no TCP options, no RST on abort (semantics.md §8). */
    private final boolean unix;

    NioStreamSocket(SocketChannel ch) throws IOException {
        this.ch = ch;
        this.unix = NioUnix.isUnix(ch);
        ch.configureBlocking(false);
    }

    @Override
    SelectableChannel channel() {
        return ch;
    }

    /** Write interest means OP_CONNECT while a connect is pending: NIO reports completion only that way. */
    @Override
    int nioInterest(int ops) {
        int nio = 0;
        if ((ops & dev.twine.spi.Poller.READ) != 0) {
            nio |= SelectionKey.OP_READ;
        }
        if ((ops & dev.twine.spi.Poller.WRITE) != 0) {
            nio |= ch.isConnectionPending() ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        }
        return nio;
    }

    @Override
    boolean connectionPending() {
        return ch.isConnectionPending();
    }

    @Override
    public boolean connect(InetSocketAddress remote) throws IOException {
        try {
            return ch.connect(remote);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public boolean finishConnect() throws IOException {
        try {
            return ch.finishConnect();
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public void bind(InetSocketAddress local) throws IOException {
        try {
            ch.bind(local);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return ch.read(dst);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        try {
            return ch.write(src);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        try {
            return ch.write(srcs, offset, length);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public void shutdownOutput() throws IOException {
        try {
            ch.shutdownOutput();
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        try {
            ch.shutdownInput();
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    /** SO_LINGER {1, 0} makes close send RST instead of FIN; see Twisted's _AbortingMixin. */
    @Override
    public void abort() throws IOException {
        try {
            // AF_UNIX has no RST: its channels reject SO_LINGER, and a plain close is the abort.
            if (ch.isOpen() && !unix) {
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException e) {
            // The socket may already be dead (reset by the peer); closing is all that is left to do.
        } finally {
            ch.close();
        }
    }

    @Override
    public boolean connectUnix(String name) throws IOException {
        if (!unix) {
            return StreamSocketHandle.super.connectUnix(name);
        }
        try {
            return ch.connect(NioUnix.address(name));
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    /**
     * Not here: the JDK's {@code SO_PEERCRED} ({@code jdk.net.ExtendedSocketOptions}) gives user and group
     * names, not the ids and pid of semantics.md §8.7.
     */
    @Override
    public dev.twine.internet.PeerCredentials peerCredentials() {
        throw new UnsupportedOperationException(
                "the select backend has no numeric peer credentials (the JDK reports names only)");
    }

    @Override
    public String localUnixName() throws IOException {
        if (!unix) {
            return null;
        }
        try {
            return NioUnix.name(ch.getLocalAddress());
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public String remoteUnixName() throws IOException {
        if (!unix) {
            return null;
        }
        try {
            return NioUnix.name(ch.getRemoteAddress());
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        if (unix) {
            return null;
        }
        try {
            return (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        if (unix) {
            return null;
        }
        try {
            return (InetSocketAddress) ch.getRemoteAddress();
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public void setTcpNoDelay(boolean on) throws IOException {
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, on);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public boolean getTcpNoDelay() throws IOException {
        try {
            return ch.getOption(StandardSocketOptions.TCP_NODELAY);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public void setKeepAlive(boolean on) throws IOException {
        try {
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, on);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public boolean getKeepAlive() throws IOException {
        try {
            return ch.getOption(StandardSocketOptions.SO_KEEPALIVE);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public String toString() {
        return "NioStreamSocket[" + ch + "]";
    }
}
