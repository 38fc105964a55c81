package dev.twine.tck.poller;

import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One backend's poller and sockets for a {@link PollerTest}: real loopback sockets from the backend's own
 * {@link dev.twine.spi.SocketProvider}, registered with the backend's own {@link Poller} under tokens the
 * test chooses, and polls recorded as {@link Report}s. Everything it opened is closed after the test.
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
    static final long PATIENCE_NANOS = 20_000_000_000L;

    private final ReactorBackend<H> backend;
    private final Poller<H> poller;
    private final List<SelectableHandle> opened = new ArrayList<>();

    PollerHarness(ReactorBackend<H> backend) throws IOException {
        this.backend = backend;
        this.poller = backend.openPoller();
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

    /** A listening socket on 127.0.0.1, port 0. */
    public ListeningSocketHandle listen() throws IOException {
        ListeningSocketHandle listener = backend.sockets()
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        opened.add(listener);
        return listener;
    }

    /** An unconnected stream socket. */
    public StreamSocketHandle open() throws IOException {
        StreamSocketHandle socket = backend.sockets().openStream(StandardProtocolFamily.INET);
        opened.add(socket);
        return socket;
    }

    /** A connected loopback pair: [0] the connecting side, [1] the accepted side. */
    public StreamSocketHandle[] pair() throws IOException, InterruptedException {
        ListeningSocketHandle listener = listen();
        StreamSocketHandle client = open();
        boolean connected = client.connect(listener.localAddress());
        StreamSocketHandle server = null;
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (server == null || !connected) {
            if (server == null) {
                server = listener.accept();
            }
            if (!connected) {
                connected = client.finishConnect();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("loopback connection did not complete");
            }
            if (server == null || !connected) {
                Thread.sleep(1);
            }
        }
        opened.add(server);
        listener.close();
        return new StreamSocketHandle[] {client, server};
    }

    /** An address on 127.0.0.1 where nothing listens (a port just closed), for refused connects. */
    public InetSocketAddress closedPort() throws IOException {
        ListeningSocketHandle listener = listen();
        InetSocketAddress address = listener.localAddress();
        listener.close();
        return address;
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

    /** One report: a token, its bits and the error delivered with them. */
    public record Report(long token, int ops, SocketError error) {
    }

    /**
     * One poll; the reports by token, in the order made. Fails if a token is reported twice in one poll
     * or the returned count disagrees with the reports.
     */
    public Map<Long, Report> poll(long timeoutNanos) throws IOException {
        Map<Long, Report> reports = new LinkedHashMap<>();
        int n = poller.poll(timeoutNanos, (token, ops, error) -> {
            Report before = reports.put(token, new Report(token, ops, error));
            if (before != null) {
                throw new AssertionError("token " + token + " reported twice in one poll: " + before
                        + " and " + ops);
            }
        });
        if (n != reports.size()) {
            throw new AssertionError("poll returned " + n + " but reported " + reports.size());
        }
        return reports;
    }

    /** Polls until {@code token} is reported with at least {@code bits}; returns that report. */
    public Report await(long token, int bits) throws IOException {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        Report last = null;
        while (System.nanoTime() < deadline) {
            Report r = poll(100_000_000L).get(token);
            if (r != null) {
                last = r;
                if ((r.ops() & bits) == bits) {
                    return r;
                }
            }
        }
        throw new AssertionError("token " + token + " not reported with bits " + Bits.names(bits)
                + "; last report: " + (last == null ? "none" : Bits.names(last.ops())));
    }

    @Override
    public void close() throws IOException {
        try {
            poller.close();
        } finally {
            for (SelectableHandle h : opened) {
                h.close();
            }
            opened.clear();
        }
    }

    /** Names of ready bits, for messages. */
    public static final class Bits {
        private Bits() {
        }

        public static String names(int ops) {
            StringBuilder b = new StringBuilder();
            String[] names = {"READ", "WRITE", "HANGUP", "ERROR", "READ_HANGUP"};
            int[] bits = {Poller.READ, Poller.WRITE, Poller.HANGUP, Poller.ERROR, Poller.READ_HANGUP};
            for (int i = 0; i < bits.length; i++) {
                if ((ops & bits[i]) != 0) {
                    b.append(b.length() == 0 ? "" : "|").append(names[i]);
                }
            }
            return b.length() == 0 ? "0" : b.toString();
        }
    }
}
