package dev.twine.backend.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.Poller;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.LoopbackSockets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * Polling allocates nothing once warm: interest changes, the kevent call, merging two filters into
 * one report and dispatch, measured with the JVM's per-thread allocation counter, in both ABIs.
 */
class KqueueAllocationTest {

    private static final int ROUNDS = 20_000;
    /** Slack for the counter's own bookkeeping; one allocation per round would be 20 times this. */
    private static final long SLACK_BYTES = 16 * 1024;

    /** Measurement windows at most. */
    private static final int WINDOWS = 15;

    @ParameterizedTest
    @EnumSource(KqShim.Abi.class)
    void pollingReadyHandlesAllocatesNothing(KqShim.Abi abi) throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "allocation counter available");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        KqueueBindings bindings = KqueueBindings.load(KqShim.config(abi));
        try (KqueuePoller poller = KqueuePoller.open(bindings);
             LoopbackSockets<PosixStreamSocket, PosixListeningSocket> sockets = LoopbackSockets.over(
                     new PosixSocketProvider(bindings.socketCalls()),
                     PosixStreamSocket.class, PosixListeningSocket.class)) {
            PosixStreamSocket[] pair = sockets.pair();
            pair[0].write(ByteBuffer.wrap(new byte[] {1}));
            int[] reports = {0};
            Poller.ReadySink sink = (token, ops, error) -> reports[0]++;
            poller.register(pair[0], 0, Poller.WRITE);
            poller.register(pair[1], 1, Poller.READ | Poller.WRITE);
            long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
            while (poller.poll(100_000_000L, sink) < 2 && System.nanoTime() < deadline) {
                continue;
            }
            for (int i = 0; i < ROUNDS; i++) {
                round(poller, pair[1], sink);
            }
            // Measure windows of ROUNDS polls until one allocates less than the slack (at most WINDOWS):
            // the Panama binding's downcalls allocate a few dozen bytes each until C2 has compiled their
            // call sites, which can take longer than the warm-up above; the property is the steady state,
            // which jnr-ffi reaches in the first window (as EpollAllocationTest measures it).
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < WINDOWS && allocated >= SLACK_BYTES; window++) {
                reports[0] = 0;
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ROUNDS; i++) {
                    round(poller, pair[1], sink);
                }
                allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
                assertEquals(2 * ROUNDS, reports[0], "both handles reported in every poll");
            }
            assertTrue(allocated < SLACK_BYTES, "bytes allocated by " + ROUNDS + " polls, best window: " + allocated);
            poller.deregister(pair[0], Poller.WRITE);
            poller.deregister(pair[1], Poller.READ | Poller.WRITE);
        }
    }

    private static void round(KqueuePoller poller, PosixStreamSocket handle, Poller.ReadySink sink)
            throws java.io.IOException {
        poller.reregister(handle, 1, Poller.READ | Poller.WRITE, Poller.READ);
        poller.reregister(handle, 1, Poller.READ, Poller.READ | Poller.WRITE);
        poller.poll(0, sink);
    }
}
