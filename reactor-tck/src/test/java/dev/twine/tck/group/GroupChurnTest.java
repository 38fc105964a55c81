package dev.twine.tck.group;

import static dev.twine.tck.group.GroupFixtures.LOOPBACK;
import static dev.twine.tck.group.GroupFixtures.PATIENCE;
import static dev.twine.tck.group.GroupFixtures.connect;
import static dev.twine.tck.group.GroupFixtures.readLine;
import static dev.twine.tck.group.GroupFixtures.stopAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.OpenDescriptors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reliability under churn (semantics.md §5.1): many connections opened and closed across a group of two
 * leave no descriptor, registration, timer or reference behind, and a client that never reads, owned by
 * one member, does not slow a canary connection on the other.
 *
 * <p>The suite runs {@value #DEFAULT_CONNECTIONS} connections per backend; {@code -Dtwine.churn.connections=100000}
 * runs the full churn (see bench/README.md for the command and the figures).
 */
class GroupChurnTest {
    static final int DEFAULT_CONNECTIONS = 2_000;
    private static final int CONNECTIONS = Integer.getInteger("twine.churn.connections", DEFAULT_CONNECTIONS);
    private static final int CLIENT_THREADS = 2;
    /** One server protocol in this many is watched for being collected after the churn. */
    private static final int SAMPLE_EVERY = 100;
    /**
     * What the server queues for the client that never reads: more than loopback's largest send and
     * receive buffers together (tcp_wmem and tcp_rmem maxima of 4 and 6 MiB on Linux), so the flood's
     * write stays queued, and its writer registered, for the whole test.
     */
    private static final int FLOOD_BYTES = 32 << 20;
    /** The whole churn's time bound: generous for a loaded two-core machine and for Wine. */
    private static final long CHURN_SECONDS = Math.max(120, CONNECTIONS / 200);

    /**
     * The server: "?" answers with the member's thread name; "c" answers "c" and, on even sessions,
     * closes first (an orderly close from the server); "f" queues {@link #FLOOD_BYTES} for a client that
     * never reads, then completes {@code flooded}; "p" answers "p" at once (the canary).
     */
    static final class ChurnServer extends Protocol {
        private final ConcurrentLinkedQueue<WeakReference<ChurnServer>> sampled;
        private final AtomicInteger built;
        private final CompletableFuture<Void> flooded;

        ChurnServer(ConcurrentLinkedQueue<WeakReference<ChurnServer>> sampled, AtomicInteger built,
                CompletableFuture<Void> flooded) {
            this.sampled = sampled;
            this.built = built;
            this.flooded = flooded;
            if (built.incrementAndGet() % SAMPLE_EVERY == 0) {
                sampled.add(new WeakReference<>(this));
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            for (byte b : data) {
                switch (b) {
                    case '?' -> transport.write((Thread.currentThread().getName() + "\n").getBytes(StandardCharsets.US_ASCII));
                    case 'c' -> {
                        transport.write(new byte[] {'c'});
                        if ((built.get() & 1) == 0) {
                            transport.loseConnection();
                        }
                    }
                    case 'f' -> {
                        transport.write(new byte[FLOOD_BYTES]);
                        flooded.complete(null);
                    }
                    case 'p' -> transport.write(new byte[] {'p'});
                    default -> { }
                }
            }
        }
    }

    @ReactorTest
    void churnLeavesNothingBehindAndANeverReadingClientDoesNotSlowTheOtherMember(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), 2);
        ConcurrentLinkedQueue<WeakReference<ChurnServer>> sampled = new ConcurrentLinkedQueue<>();
        AtomicInteger built = new AtomicInteger();
        CompletableFuture<Void> flooded = new CompletableFuture<>();
        GroupPort port = group.listenTCP(0,
                () -> Factory.forProtocol(() -> new ChurnServer(sampled, built, flooded)), 511, LOOPBACK);
        group.start();
        int p = port.getHost().port();
        List<Socket> held = new ArrayList<>();
        // Each client and the canary block in socket calls for the whole churn, so each needs its own
        // thread: the common pool may have a single worker on two cores (JDK 25's CompletableFuture runs
        // async tasks there even at parallelism 1), and the canary would then starve both clients.
        ExecutorService clientThreads = Executors.newFixedThreadPool(CLIENT_THREADS + 1);
        try {
            // A never-reading client on one member and a canary on the other.
            Socket flood = onSomeMember(p, held, null);
            String floodMember = memberOf(flood);
            Socket canary = onSomeMember(p, held, floodMember);
            flood.getOutputStream().write('f');
            // The baseline is read after the server queued the flood: sampled earlier, it could miss the
            // flood's writer registration, which stays for the whole test (a CI run failed that way).
            flooded.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            int before = OpenDescriptors.supported() ? OpenDescriptors.list().size() : -1;
            List<MemberState> stateBefore = states(group);

            AtomicBoolean churning = new AtomicBoolean(true);
            CompletableFuture<long[]> canaryLatencies = CompletableFuture.supplyAsync(() -> ping(canary, churning),
                    clientThreads);
            long start = System.nanoTime();
            List<CompletableFuture<Integer>> clients = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                int count = CONNECTIONS / CLIENT_THREADS;
                clients.add(CompletableFuture.supplyAsync(() -> churn(p, count, start), clientThreads));
            }
            int done = 0;
            for (CompletableFuture<Integer> c : clients) {
                done += c.get(CHURN_SECONDS + 10, TimeUnit.SECONDS);
            }
            long churnNanos = System.nanoTime() - start;
            churning.set(false);
            long[] rtts = canaryLatencies.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertEquals(CONNECTIONS / CLIENT_THREADS * CLIENT_THREADS, done, "connections completed");
            assertEquals(stateBefore, awaitStates(group, stateBefore), "a member kept a registration, timer or connection");
            if (before >= 0) {
                assertEquals(before, awaitDescriptors(before), "descriptors after the churn");
            }
            assertEquals(0, awaitCollected(sampled), "server protocols still reachable after their connections closed");
            Arrays.sort(rtts);
            String figures = String.format("%s: %d connections in %.1f s (%.0f/s); canary on the other member: %d pings,"
                    + " p50 %.2f ms, p99 %.2f ms, max %.2f ms; descriptors %d before and after", b.backendName(), done,
                    churnNanos / 1e9, done / (churnNanos / 1e9), rtts.length, pct(rtts, 50), pct(rtts, 99),
                    rtts.length == 0 ? 0 : rtts[rtts.length - 1] / 1e6, before);
            System.out.println("[churn] " + figures);
            assertTrue(rtts.length > 0, "the canary never got an answer");
            // Not a speed assertion: a canary stuck behind the flood would wait for the whole churn.
            assertTrue(pct(rtts, 99) < 1000, "the canary was held up: " + figures);
        } finally {
            for (Socket s : held) {
                s.close();
            }
            clientThreads.shutdownNow();
            stopAndAwait(group);
        }
    }

    /** Opens connections until one is served by a member other than {@code not} (any member if null). */
    private static Socket onSomeMember(int port, List<Socket> held, String not) throws IOException {
        for (int i = 0; i < 64; i++) {
            Socket s = connect(port);
            held.add(s);
            if (not == null || !memberOf(s).equals(not)) {
                return s;
            }
        }
        throw new AssertionError("64 connections all landed on " + not);
    }

    private static String memberOf(Socket s) throws IOException {
        s.getOutputStream().write('?');
        return readLine(s.getInputStream());
    }

    /** Pings every millisecond while the churn runs; returns each round trip in nanoseconds. */
    private static long[] ping(Socket canary, AtomicBoolean churning) {
        long[] rtts = new long[1 << 20];
        int n = 0;
        try {
            OutputStream out = canary.getOutputStream();
            InputStream in = canary.getInputStream();
            while (churning.get() && n < rtts.length) {
                long t0 = System.nanoTime();
                out.write('p');
                if (in.read() != 'p') {
                    throw new IOException("the canary got a wrong answer");
                }
                rtts[n++] = System.nanoTime() - t0;
                Thread.sleep(1);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("canary failed after " + n + " pings", e);
        }
        return Arrays.copyOf(rtts, n);
    }

    /** Opens and closes {@code count} connections one after another; returns how many completed. */
    private static int churn(int port, int count, long start) {
        int done = 0;
        try {
            for (int i = 0; i < count; i++) {
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(CHURN_SECONDS)) {
                    throw new AssertionError("churn exceeded " + CHURN_SECONDS + " s after " + done + " connections");
                }
                try (Socket s = connect(port)) {
                    s.getOutputStream().write('c');
                    if (s.getInputStream().read() != 'c') {
                        throw new IOException("no answer on connection " + i);
                    }
                    if ((i & 1) == 0) {
                        // A reset from the client: no TIME_WAIT, so a long churn cannot run out of ports.
                        s.setSoLinger(true, 0);
                    }
                }
                done++;
            }
        } catch (IOException e) {
            throw new IllegalStateException("churn failed after " + done + " connections", e);
        }
        return done;
    }

    /** What a member holds, read on its own thread. */
    record MemberState(long connections, int readers, int writers, int delayedCalls) {
    }

    private static List<MemberState> states(ReactorGroup group) throws Exception {
        List<MemberState> out = new ArrayList<>();
        for (ReactorBase m : group.members()) {
            CompletableFuture<MemberState> f = new CompletableFuture<>();
            m.callFromThread(() -> f.complete(new MemberState(m.monitor().connections(), m.getReaders().size(),
                    m.getWriters().size(), m.getDelayedCalls().size())));
            out.add(f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        }
        return out;
    }

    /** The members' state once it equals {@code expected}, or the last one seen after a bounded wait. */
    private static List<MemberState> awaitStates(ReactorGroup group, List<MemberState> expected) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<MemberState> now = states(group);
        while (!now.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = states(group);
        }
        return now;
    }

    private static int awaitDescriptors(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int now = OpenDescriptors.list().size();
        while (now != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = OpenDescriptors.list().size();
        }
        return now;
    }

    /** How many sampled protocols are still reachable after collections, waiting a bounded time. */
    private static int awaitCollected(ConcurrentLinkedQueue<WeakReference<ChurnServer>> sampled)
            throws InterruptedException {
        assertNotEquals(0, sampled.size(), "no protocol was sampled");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int alive;
        do {
            System.gc();
            Thread.sleep(20);
            alive = (int) sampled.stream().filter(r -> r.get() != null).count();
        } while (alive > 0 && System.nanoTime() < deadline);
        return alive;
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
