package dev.twine.tck.poller;

import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.StreamSocketHandle;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.LoopbackSockets;
import dev.twine.testfixtures.Polls;
import dev.twine.testfixtures.Polls.Report;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One backend's poller and sockets for a {@link PollerTest}: real loopback sockets from the backend's own
 * {@link dev.twine.spi.SocketProvider} (through the shared {@link LoopbackSockets} kit), registered with
 * the backend's own {@link Poller} under tokens the test chooses, and polls recorded as {@link Report}s
 * (by the shared {@link Polls}). Everything it opened is closed after the test.
 *
 * <p>A third-party backend runs the same contract by depending on this module's test-jar and listing its
 * {@link ReactorBackend} in {@code META-INF/services}; {@code -Dtwine.tck.backends=NAME} selects it.
 *
 * <p>Single-threaded like the poller, except {@link #poller()}{@code .wakeup()}.
 *
 * @param <H> the backend's handle type
 */
public final class PollerHarness<H extends SelectableHandle> implements AutoCloseable {
    /** How long a test waits for a condition the kernel reports within milliseconds on loopback. */
    static final long PATIENCE_NANOS = Await.PATIENCE.toNanos();

    private final ReactorBackend<H> backend;
    private final Poller<H> poller;
    private final LoopbackSockets<StreamSocketHandle, ListeningSocketHandle> sockets;

    PollerHarness(ReactorBackend<H> backend) throws IOException {
        this.backend = backend;
        this.poller = backend.openPoller();
        this.sockets = LoopbackSockets.over(backend.sockets());
    }

    /** The backend under test. */
    public ReactorBackend<H> backend() {
        return backend;
    }

    /** The poller under test. */
    public Poller<H> poller() {
        return poller;
    }

    /**
     * True where the OS reports hang-ups and errors with readiness (every backend but the portable
     * {@code select}, whose {@link java.nio.channels.Selector} reports only readable and writable; the
     * next read or {@code finishConnect} tells the rest there). See the table in {@link Poller}.
     */
    public boolean reportsHangups() {
        return !"select".equals(backend.name());
    }

    // -- sockets --

    /** The backend's loopback sockets, all closed with the harness. */
    public LoopbackSockets<StreamSocketHandle, ListeningSocketHandle> sockets() {
        return sockets;
    }

    /** A listening socket on 127.0.0.1, port 0. */
    public ListeningSocketHandle listen() throws IOException {
        return sockets.listen();
    }

    /** An unconnected stream socket. */
    public StreamSocketHandle open() throws IOException {
        return sockets.open();
    }

    /** A connected loopback pair: [0] the connecting side, [1] the accepted side. */
    public StreamSocketHandle[] pair() throws IOException {
        return sockets.pair();
    }

    /** An address on 127.0.0.1 where nothing listens (a port just closed), for refused connects. */
    public InetSocketAddress closedPort() throws IOException {
        return sockets.closedPort();
    }

    /** Writes {@code text} in one call. */
    public static void send(StreamSocketHandle socket, String text) throws IOException {
        socket.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Reads whatever is there (at most 64 KiB): the count, 0 if nothing, -1 at end of stream. */
    public static int drain(StreamSocketHandle socket) throws IOException {
        return socket.read(ByteBuffer.allocate(65536));
    }

    // -- registration, typed by the backend --

    /** Registers a handle of this backend's sockets (checked once here, as the reactor checks it). */
    public void register(SelectableHandle handle, long token, int ops) throws IOException {
        poller.register(own(handle), token, ops);
    }

    public void reregister(SelectableHandle handle, long token, int previousOps, int ops) throws IOException {
        poller.reregister(own(handle), token, previousOps, ops);
    }

    public void deregister(SelectableHandle handle, int previousOps) throws IOException {
        poller.deregister(own(handle), previousOps);
    }

    private H own(SelectableHandle handle) {
        return backend.handleType().cast(handle);
    }

    // -- polling --

    /** One poll; the reports by token, in the order made. See {@link Polls#once}. */
    public Map<Long, Report> poll(long timeoutNanos) throws IOException {
        return Polls.once(poller, timeoutNanos);
    }

    /** Polls until {@code token} is reported with at least {@code bits}; see {@link Polls#await}. */
    public Report await(long token, int bits) throws IOException {
        return Polls.await(poller, token, bits);
    }

    @Override
    public void close() throws IOException {
        try {
            poller.close();
        } finally {
            sockets.close();
        }
    }
}
