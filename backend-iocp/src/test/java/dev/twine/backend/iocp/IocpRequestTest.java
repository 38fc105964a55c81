package dev.twine.backend.iocp;

import static dev.twine.spi.Poller.READ;
import static dev.twine.testfixtures.SocketIo.readAscii;
import static dev.twine.testfixtures.SocketIo.writeFully;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.windows.Win32;
import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.StreamSocketHandle;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.LoopbackSockets;
import dev.twine.testfixtures.Polls;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The IOCP poller's own mechanism: AFD poll requests spread over helper handles, cancelled on close, and
 * recycled through the pool. What every poller must do is the poller contract kit in reactor-tck, which
 * runs on IOCP too. Runs on Windows, and on Linux under Wine through {@code .ci/wine/run-tck.sh}.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "IOCP needs Windows; run .ci/wine/run-tck.sh to test it under Wine")
class IocpRequestTest {
    private LoopbackSockets<StreamSocketHandle, ListeningSocketHandle> net;
    private IocpPoller poller;

    @BeforeEach
    void open() throws IOException {
        net = LoopbackSockets.over(new WinsockSocketProvider(new WinsockCalls(Win32.get())));
        poller = new IocpPoller(Win32.get());
    }

    @AfterEach
    void close() throws IOException {
        poller.close();
        net.close();
    }

    @Test
    void manySocketsSpreadOverSeveralHelperHandlesAreAllReported() throws IOException {
        int count = PollRequestPool.PER_HELPER * 2 + 5;
        ListeningSocketHandle l = net.listen();
        for (int i = 0; i < count; i++) {
            StreamSocketHandle c = net.open();
            c.connect(l.localAddress());
            WinsockHandle a = (WinsockHandle) net.accept(l);
            poller.register(a, i, READ);
            writeFully(c, "m");
        }
        Set<Long> seen = new HashSet<>();
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        while (seen.size() < count && System.nanoTime() - deadline < 0) {
            Polls.once(poller, TimeUnit.MILLISECONDS.toNanos(200)).forEach((token, report) -> {
                assertEquals(READ, report.ops() & READ);
                seen.add(token);
            });
        }
        assertEquals(count, seen.size());
    }

    @Test
    void closingThePollerCancelsPendingPollsAndLeavesTheSocketsUsable() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.register((WinsockHandle) p[0], 0, READ);
        poller.register((WinsockHandle) p[1], 1, READ);
        Polls.once(poller, TimeUnit.MILLISECONDS.toNanos(20));
        poller.close();
        writeFully(p[0], "after");
        assertEquals("after", readAscii(p[1], 5));
        poller = new IocpPoller(Win32.get());
    }

    @Test
    void aSocketClosedWhileRegisteredIsDroppedWithoutReports() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.register((WinsockHandle) p[1], 1, READ);
        Polls.once(poller, TimeUnit.MILLISECONDS.toNanos(20));
        p[1].close();
        for (int i = 0; i < 3; i++) {
            assertFalse(Polls.once(poller, TimeUnit.MILLISECONDS.toNanos(50)).containsKey(1L));
        }
    }

    @Test
    void requestRecordsAreRecycledOnceTheirPollHasCompleted() throws IOException {
        ListeningSocketHandle l = net.listen();
        for (int i = 0; i < PollRequestPool.PER_CHUNK * 3; i++) {
            StreamSocketHandle c = net.open();
            c.connect(l.localAddress());
            WinsockHandle a = (WinsockHandle) net.accept(l);
            poller.register(a, i, READ);
            Polls.once(poller, TimeUnit.MILLISECONDS.toNanos(0));
            poller.deregister(a, READ);
            Polls.once(poller, TimeUnit.MILLISECONDS.toNanos(0));
            a.close();
            c.close();
        }
        // Cancelled polls come back within a few polls; their records go back to the pool, so sequential
        // registrations never need more than a chunk or two.
        for (int i = 0; i < 5; i++) {
            Polls.once(poller, TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertTrue(poller.poolSize() <= 2 * PollRequestPool.PER_CHUNK, "pool grew to " + poller.poolSize());
    }
}
