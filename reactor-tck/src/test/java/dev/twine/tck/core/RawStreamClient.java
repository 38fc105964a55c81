package dev.twine.tck.core;

import dev.twine.defer.Failure;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Main;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Low-level client code written once against {@code IReactorFDSet}, as the architecture promises it runs
 * unchanged on every backend: open a socket with {@code reactor.sockets().openStream(INET)}, connect
 * without blocking (write readiness, then {@code finishConnect}), register with {@code addReader}, read
 * until {@code read} returns 0, and return {@link Main#CONNECTION_DONE} at end of stream or
 * {@link Main#CONNECTION_LOST} on an error. Counts and checksums what it receives, then stops the reactor.
 * Reactor thread only.
 */
final class RawStreamClient implements IReadDescriptor, IWriteDescriptor {
    private final IReactor reactor;
    private final StreamSocketHandle socket;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private final CRC32 crc = new CRC32();
    private boolean connected;
    long received;
    Failure reason;

    RawStreamClient(IReactor reactor) throws IOException {
        this.reactor = reactor;
        this.socket = reactor.sockets().openStream(StandardProtocolFamily.INET);
    }

    /** Starts connecting; the rest happens on the reactor. */
    void connect(InetSocketAddress server) throws IOException {
        if (socket.connect(server)) {
            connected();
        } else {
            reactor.addWriter(this);
        }
    }

    private void connected() {
        connected = true;
        reactor.removeWriter(this);
        reactor.addReader(this);
    }

    /** Only while connecting: write readiness means the connect finished, one way or the other. */
    @Override
    public Exception doWrite() {
        try {
            if (!connected && socket.finishConnect()) {
                connected();
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    @Override
    public Exception doRead() {
        try {
            while (true) {
                buffer.clear();
                int n = socket.read(buffer);
                if (n == 0) {
                    return null;
                }
                if (n < 0) {
                    return Main.CONNECTION_DONE;
                }
                buffer.flip();
                crc.update(buffer);
                received += n;
            }
        } catch (IOException e) {
            return Main.CONNECTION_LOST;
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        this.reason = reason;
        try {
            socket.close();
        } catch (IOException e) {
            throw new IllegalStateException("close failed", e);
        } finally {
            reactor.stop();
        }
    }

    /** The CRC-32 of every byte received. */
    long checksum() {
        return crc.getValue();
    }

    @Override
    public SelectableHandle handle() {
        return socket;
    }

    @Override
    public String logPrefix() {
        return "RawStreamClient";
    }
}
