package dev.twine.tck;

import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketProvider;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;

/**
 * Two connected non-blocking sockets of one backend on 127.0.0.1, for tests that need real handles to
 * register (readers, writers, hang-ups) without going through TCP transports. Set up without a reactor:
 * listen, connect, and spin (bounded by 10 s) until the accept and the connect complete. Test thread only.
 *
 * @param client the connecting side
 * @param server the accepted side
 */
public record LoopbackPair(StreamSocketHandle client, StreamSocketHandle server) implements AutoCloseable {
    private static final long SETUP_NANOS = 10_000_000_000L;

    /** Opens a connected pair with {@code sockets}. */
    public static LoopbackPair open(SocketProvider sockets) throws IOException {
        long deadline = System.nanoTime() + SETUP_NANOS;
        InetSocketAddress any = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        StreamSocketHandle client = null;
        StreamSocketHandle server = null;
        ListeningSocketHandle listener = sockets.listen(any, 1);
        try {
            client = sockets.openStream(StandardProtocolFamily.INET);
            boolean connected = client.connect(listener.localAddress());
            while (server == null) {
                server = listener.accept();
                if (server == null) {
                    pause(deadline, "accept");
                }
            }
            while (!connected) {
                connected = client.finishConnect();
                if (!connected) {
                    pause(deadline, "connect");
                }
            }
            return new LoopbackPair(client, server);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(client);
            closeQuietly(server);
            throw e;
        } finally {
            listener.close();
        }
    }

    private static void pause(long deadline, String what) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new IOException("loopback " + what + " did not complete within 10 s");
        }
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void closeQuietly(SelectableHandle h) {
        if (h != null) {
            try {
                h.close();
            } catch (IOException ignored) {
                // Already failing.
            }
        }
    }

    /** Closes both sockets (idempotent). */
    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
