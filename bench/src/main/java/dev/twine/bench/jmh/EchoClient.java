package dev.twine.bench.jmh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The load side of the echo benchmark: plain blocking JDK sockets driven by the benchmark thread,
 * the same for every stack under test, so differences between results are differences between
 * servers.
 *
 * <p>One {@link #roundTrip()} writes one message on every connection, then reads every echo back
 * in full. With many connections the server therefore sees many sockets ready at once, which is
 * what exercises its poller. Blocking channels with direct buffers allocate nothing per call once
 * warm, so {@code -prof gc} attributes allocation to the server.
 *
 * <p>A watchdog thread closes every socket if one round trip takes longer than
 * {@link #STALL_SECONDS}, which turns a stalled server into a failed benchmark instead of a hung
 * run. Benchmark thread only, apart from the watchdog.
 */
public final class EchoClient implements AutoCloseable {

    /** A round trip this slow means the server is broken; no healthy loopback echo comes close. */
    static final long STALL_SECONDS = 30;

    private final SocketChannel[] channels;
    private final ByteBuffer[] sendBuffers;
    private final ByteBuffer[] receiveBuffers;
    private final Thread watchdog;
    /** System.nanoTime() when the current round trip began, or 0 between round trips. */
    private volatile long roundStarted;
    private volatile boolean closed;

    public EchoClient(int port, int connections, int size) throws IOException {
        this.channels = new SocketChannel[connections];
        this.sendBuffers = new ByteBuffer[connections];
        this.receiveBuffers = new ByteBuffer[connections];
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open();
                channels[i] = ch;
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                sendBuffers[i] = pattern(size, i);
                receiveBuffers[i] = ByteBuffer.allocateDirect(size);
            }
        } catch (IOException | RuntimeException e) {
            closeChannels();
            throw e;
        }
        this.watchdog = new Thread(this::watch, "echo-client-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Sends one message per connection and waits for every echo.
     *
     * @return the number of bytes received, for the blackhole
     */
    public long roundTrip() throws IOException {
        roundStarted = System.nanoTime();
        for (int i = 0; i < channels.length; i++) {
            ByteBuffer out = sendBuffers[i];
            out.clear();
            while (out.hasRemaining()) {
                channels[i].write(out);
            }
        }
        long received = 0;
        for (int i = 0; i < channels.length; i++) {
            ByteBuffer in = receiveBuffers[i];
            in.clear();
            while (in.hasRemaining()) {
                if (channels[i].read(in) < 0) {
                    throw new IOException("the server closed connection " + i);
                }
            }
            received += in.position();
        }
        roundStarted = 0;
        return received;
    }

    /**
     * Checks, once, that every connection's echo is byte-for-byte what was sent, so a fast but
     * wrong server cannot produce a result.
     */
    public void verify() throws IOException {
        roundTrip();
        for (int i = 0; i < channels.length; i++) {
            ByteBuffer sent = sendBuffers[i].duplicate().clear();
            ByteBuffer got = receiveBuffers[i].duplicate().flip();
            if (!sent.equals(got)) {
                throw new IllegalStateException("connection " + i + " echoed different bytes");
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        closeChannels();
    }

    private void closeChannels() {
        for (SocketChannel ch : channels) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // Closing a loopback socket at the end of a run: nothing to recover.
                }
            }
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long started = roundStarted;
            if (started != 0 && System.nanoTime() - started > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                System.err.println("echo client: a round trip stalled for " + STALL_SECONDS + " s; closing");
                closeChannels();
                return;
            }
        }
    }

    /** A direct buffer of {@code size} bytes whose content differs per connection. */
    private static ByteBuffer pattern(int size, int connection) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            b.put((byte) (i * 31 + connection));
        }
        return b.flip();
    }

}
