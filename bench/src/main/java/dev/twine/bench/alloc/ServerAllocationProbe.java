package dev.twine.bench.alloc;

import dev.twine.bench.Stack;
import dev.twine.bench.jmh.EchoClient;
import dev.twine.bench.servers.ServerHost;
import dev.twine.bench.servers.Service;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what an echo server's event-loop thread allocates per message once warm, on every stack,
 * in this JVM: the server on its own thread, the blocking {@link EchoClient} in the caller's. Only the
 * server thread's counter is read, so the client's allocation never enters the figure.
 *
 * <p>Each case warms up for {@link #WARMUP_ROUNDS} rounds (a round is one message on every
 * connection, all echoed back), then measures {@link #WINDOWS} windows of {@link #WINDOW_ROUNDS} rounds
 * and keeps the smallest: a window that happens to contain a one-off (a JIT deoptimisation, a timer
 * wheel resize) says nothing about the steady state, while the steady state shows up in every window.
 */
public final class ServerAllocationProbe {

    static final int WARMUP_ROUNDS = 30_000;
    static final int WINDOW_ROUNDS = 5_000;
    static final int WINDOWS = 3;

    /** The cases: small and large messages over 16 connections, as in the echo benchmark. */
    static final int[][] CASES = {{64, 16}, {16_384, 16}};

    private ServerAllocationProbe() {
    }

    /**
     * Runs the probe alone: {@code java -cp bench/target/benchmarks.jar
     * dev.twine.bench.alloc.ServerAllocationProbe [STACK ...]} (default: every stack available here).
     */
    public static void main(String[] args) {
        List<String> stacks = args.length > 0 ? List.of(args)
                : dev.twine.bench.report.Suite.stacks(new java.util.LinkedHashMap<>());
        measureAll(stacks);
    }

    /** Every case on every stack, in order; a stack that fails gives a failed row, never an exception. */
    public static List<ServerAllocation> measureAll(List<String> stacks) {
        List<ServerAllocation> out = new ArrayList<>();
        for (String stack : stacks) {
            for (int[] c : CASES) {
                ServerAllocation r = measure(stack, c[0], c[1]);
                System.out.printf("server-thread allocation: %s, %d B x %d conn: %s%n", stack, c[0], c[1],
                        r.ok() ? String.format("%.2f B/msg", r.bytesPerMessage()) : r.error());
                out.add(r);
            }
        }
        return out;
    }

    /** One case on one stack. */
    public static ServerAllocation measure(String stack, int size, int connections) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported()) {
            return ServerAllocation.failed(stack, size, connections, "this JVM has no per-thread allocation counter");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        try (ServerHost server = ServerHost.start(Stack.of(stack), Service.ECHO, "127.0.0.1", 0, 1024);
             EchoClient client = new EchoClient(server.port(), connections, size)) {
            client.verify();
            long loop = server.eventLoopThreadId();
            for (int i = 0; i < WARMUP_ROUNDS; i++) {
                client.roundTrip();
            }
            long best = Long.MAX_VALUE;
            for (int w = 0; w < WINDOWS; w++) {
                long before = threads.getThreadAllocatedBytes(loop);
                for (int i = 0; i < WINDOW_ROUNDS; i++) {
                    client.roundTrip();
                }
                long after = threads.getThreadAllocatedBytes(loop);
                if (before < 0 || after < 0) {
                    return ServerAllocation.failed(stack, size, connections, "the event-loop thread ended");
                }
                best = Math.min(best, after - before);
            }
            return new ServerAllocation(stack, size, connections, (long) WINDOW_ROUNDS * connections, best, null);
        } catch (Exception | AssertionError e) {
            return ServerAllocation.failed(stack, size, connections, e.toString());
        }
    }
}
