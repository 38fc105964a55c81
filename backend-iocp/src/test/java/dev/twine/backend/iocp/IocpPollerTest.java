package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.Win32;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.twine.backend.iocp.Loopback.awaitReady;
import static dev.twine.backend.iocp.Loopback.pollOnce;
import static dev.twine.backend.iocp.Loopback.writeFully;
import static dev.twine.spi.Poller.ERROR;
import static dev.twine.spi.Poller.HANGUP;
import static dev.twine.spi.Poller.READ;
import static dev.twine.spi.Poller.READ_HANGUP;
import static dev.twine.spi.Poller.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IOCP poller's contract ({@link Poller}) on real Winsock sockets over loopback. Runs on Windows, and
 * on Linux under Wine through {@code .ci/wine/run-tck.sh}; skipped elsewhere.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "IOCP needs Windows; run .ci/wine/run-tck.sh to test it under Wine")
class IocpPollerTest {
    private Loopback net;
    private IocpPoller poller;

    @BeforeEach
    void open() throws IOException {
        net = new Loopback();
        poller = new IocpPoller(Win32.get());
    }

    @AfterEach
    void close() throws IOException {
        poller.close();
        net.close();
    }

    @Test
    void aListenerIsReadableOnceAConnectionWaits() throws IOException {
        ListeningSocketHandle l = net.listener();
        poller.setInterest(l, READ);
        assertFalse(pollOnce(poller, 50).containsKey(l), "nothing to accept yet");
        net.client().connect(l.localAddress());
        assertEquals(READ, awaitReady(poller, l, READ));
        assertTrue(net.acceptWithin(l) != null);
        poller.setInterest(l, 0);
    }

    @Test
    void aNonBlockingConnectFinishesWhenTheSocketIsReportedWritable() throws IOException {
        ListeningSocketHandle l = net.listener();
        StreamSocketHandle c = net.client();
        boolean done = c.connect(l.localAddress());
        poller.setInterest(c, WRITE);
        assertEquals(WRITE, awaitReady(poller, c, WRITE) & (WRITE | ERROR));
        assertTrue(done || c.finishConnect());
        assertEquals(l.localAddress(), c.remoteAddress());
        poller.setInterest(c, 0);
    }

    @Test
    void aRefusedConnectIsReportedWritableWithAnErrorAndFinishConnectSaysEconnrefused() throws IOException {
        ListeningSocketHandle l = net.listener();
        InetSocketAddress nobody = l.localAddress();
        l.close();
        StreamSocketHandle c = net.client();
        SocketErrorException e;
        try {
            c.connect(nobody);
            poller.setInterest(c, WRITE);
            int ops = awaitReady(poller, c, WRITE);
            assertTrue((ops & ERROR) != 0, "CONNECT_FAIL carries ERROR, got " + ops);
            poller.setInterest(c, 0);
            e = assertThrows(SocketErrorException.class, c::finishConnect);
        } catch (SocketErrorException immediate) {
            e = immediate;
        }
        assertEquals("ECONNREFUSED", e.errnoName());
    }

    @Test
    void dataMakesASocketReadableAndItStaysReadableUntilDrained() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.setInterest(p[1], READ);
        assertFalse(pollOnce(poller, 50).containsKey(p[1]), "no data yet");
        writeFully(p[0], "hello");
        assertEquals(READ, awaitReady(poller, p[1], READ));
        // Level-triggered: not read yet, so reported again.
        assertEquals(READ, awaitReady(poller, p[1], READ));
        assertEquals("hello", Loopback.readExactly(p[1], 5));
        // Drained: the completion queued before the read may still arrive once; after that, silence.
        pollOnce(poller, 50);
        assertFalse(pollOnce(poller, 100).containsKey(p[1]), "drained socket reported readable");
        poller.setInterest(p[1], 0);
    }

    @Test
    void aPeerFinIsReportedAsReadWithReadHangupAndReadsEndOfStream() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.setInterest(p[1], READ);
        p[0].shutdownOutput();
        int ops = awaitReady(poller, p[1], READ | READ_HANGUP);
        assertEquals(0, ops & (ERROR | HANGUP), "a FIN is not an error: " + ops);
        assertEquals(-1, Loopback.readUntilEof(p[1]));
        // Half-closed: the other direction still works.
        writeFully(p[1], "still here");
        assertEquals("still here", Loopback.readExactly(p[0], 10));
        poller.setInterest(p[1], 0);
    }

    @Test
    void aPeerResetIsReportedAsErrorAndHangupAndReadingItSaysEconnreset() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.setInterest(p[1], READ);
        p[0].abort();
        assertEquals(READ | ERROR | HANGUP, awaitReady(poller, p[1], ERROR | HANGUP) & (READ | ERROR | HANGUP));
        poller.setInterest(p[1], 0);
        SocketErrorException e = assertThrows(SocketErrorException.class, () -> p[1].read(ByteBuffer.allocate(8)));
        assertEquals("ECONNRESET", e.errnoName());
    }

    @Test
    void aHandleWithInterestZeroIsNeverReported() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.setInterest(p[1], READ);
        writeFully(p[0], "x");
        awaitReady(poller, p[1], READ);
        poller.setInterest(p[1], 0);
        for (int i = 0; i < 3; i++) {
            assertFalse(pollOnce(poller, 50).containsKey(p[1]));
        }
    }

    @Test
    void wideningInterestFromReadToWriteReportsWritable() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.setInterest(p[1], READ);
        assertFalse(pollOnce(poller, 50).containsKey(p[1]), "pending read poll, no data");
        poller.setInterest(p[1], READ | WRITE);
        assertEquals(WRITE, awaitReady(poller, p[1], WRITE) & (READ | WRITE));
        poller.setInterest(p[1], READ);
        assertFalse(pollOnce(poller, 100).containsKey(p[1]), "write readiness reported after WRITE was dropped");
        poller.setInterest(p[1], 0);
    }

    @Test
    void aPollReportsEachReadyHandleOnceWithAllItsBits() throws IOException {
        StreamSocketHandle[] p = net.pair();
        writeFully(p[0], "data");
        poller.setInterest(p[1], READ | WRITE);
        assertEquals(READ | WRITE, awaitReady(poller, p[1], READ | WRITE) & (READ | WRITE));
        poller.setInterest(p[1], 0);
    }

    @Test
    void wakeupFromAnotherThreadEndsABlockedPoll() {
        CountDownLatch polling = new CountDownLatch(1);
        Thread waker = new Thread(() -> {
            try {
                polling.await(10, TimeUnit.SECONDS);
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller.wakeup();
        });
        waker.start();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            polling.countDown();
            assertEquals(0, poller.poll(-1, (h, ops) -> { }));
        });
    }

    @Test
    void aWakeupBeforeThePollMakesItReturnPromptlyAndOnlyOnce() {
        poller.wakeup();
        poller.wakeup();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertEquals(0, poller.poll(-1, (h, ops) -> { })));
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> poller.poll(TimeUnit.MILLISECONDS.toNanos(50), (h, o) -> { }));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(45), "second wake-up was not coalesced");
    }

    @Test
    void aTimedPollWithNothingReadyReturnsNoEventsAfterTheTimeout() throws IOException {
        long start = System.nanoTime();
        assertEquals(0, poller.poll(TimeUnit.MILLISECONDS.toNanos(30), (h, ops) -> { }));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(29), "returned early");
    }

    @Test
    void manySocketsSpreadOverSeveralHelperHandlesAreAllReported() throws IOException {
        int count = PollRequestPool.PER_HELPER * 2 + 5;
        List<StreamSocketHandle> readers = new ArrayList<>();
        ListeningSocketHandle l = net.listener();
        for (int i = 0; i < count; i++) {
            StreamSocketHandle c = net.client();
            c.connect(l.localAddress());
            StreamSocketHandle a = net.acceptWithin(l);
            poller.setInterest(a, READ);
            writeFully(c, "m");
            readers.add(a);
        }
        Set<SelectableHandle> seen = new HashSet<>();
        long deadline = System.nanoTime() + Loopback.DEADLINE_NANOS;
        while (seen.size() < count && System.nanoTime() - deadline < 0) {
            Map<SelectableHandle, Integer> round = pollOnce(poller, 200);
            round.forEach((h, ops) -> assertEquals(READ, ops & READ));
            seen.addAll(round.keySet());
        }
        assertEquals(new HashSet<>(readers), seen);
        for (StreamSocketHandle r : readers) {
            poller.setInterest(r, 0);
        }
    }

    @Test
    void closingThePollerCancelsPendingPollsAndLeavesTheSocketsUsable() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.setInterest(p[0], READ);
        poller.setInterest(p[1], READ);
        pollOnce(poller, 20);
        poller.close();
        writeFully(p[0], "after");
        assertEquals("after", Loopback.readExactly(p[1], 5));
        poller = new IocpPoller(Win32.get());
    }

    @Test
    void aSocketClosedWhileRegisteredIsDroppedWithoutReports() throws IOException {
        StreamSocketHandle[] p = net.pair();
        poller.setInterest(p[1], READ);
        pollOnce(poller, 20);
        p[1].close();
        for (int i = 0; i < 3; i++) {
            assertFalse(pollOnce(poller, 50).containsKey(p[1]));
        }
    }

    @Test
    void interestFlippingBackAndForthKeepsReportingWhatIsWanted() throws IOException {
        StreamSocketHandle[] p = net.pair();
        writeFully(p[0], "unread");
        for (int i = 0; i < 40; i++) {
            poller.setInterest(p[1], READ | WRITE);
            assertEquals(READ | WRITE, awaitReady(poller, p[1], READ | WRITE) & (READ | WRITE), "round " + i);
            poller.setInterest(p[1], READ);
            assertEquals(READ, awaitReady(poller, p[1], READ) & (READ | WRITE), "round " + i);
        }
        poller.setInterest(p[1], 0);
    }

    @Test
    void requestRecordsAreRecycledOnceTheirPollHasCompleted() throws IOException {
        ListeningSocketHandle l = net.listener();
        for (int i = 0; i < PollRequestPool.PER_CHUNK * 3; i++) {
            StreamSocketHandle c = net.client();
            c.connect(l.localAddress());
            StreamSocketHandle a = net.acceptWithin(l);
            poller.setInterest(a, READ);
            pollOnce(poller, 0);
            poller.setInterest(a, 0);
            pollOnce(poller, 0);
            a.close();
            c.close();
        }
        // Cancelled polls come back within a few polls; their records go back to the pool, so sequential
        // registrations never need more than a chunk or two.
        for (int i = 0; i < 5; i++) {
            pollOnce(poller, 20);
        }
        assertTrue(poller.poolSize() <= 2 * PollRequestPool.PER_CHUNK, "pool grew to " + poller.poolSize());
    }

    @Test
    void handlesOfAnotherBackendAreRejected() {
        SelectableHandle foreign = new SelectableHandle() {
            public int fileno() {
                return 3;
            }

            public boolean isOpen() {
                return true;
            }

            public void close() {
            }

            public Object reactorSlot() {
                return null;
            }

            public void reactorSlot(Object slot) {
            }
        };
        assertThrows(IllegalArgumentException.class, () -> poller.setInterest(foreign, READ));
    }

    @Test
    void aReadBufferCanBeDirectOrHeap() throws IOException {
        StreamSocketHandle[] p = net.pair();
        writeFully(p[0], "abcdef");
        poller.setInterest(p[1], READ);
        awaitReady(poller, p[1], READ);
        ByteBuffer direct = ByteBuffer.allocateDirect(3);
        ByteBuffer heap = ByteBuffer.allocate(3);
        long deadline = System.nanoTime() + Loopback.DEADLINE_NANOS;
        while ((direct.hasRemaining() || heap.hasRemaining()) && System.nanoTime() - deadline < 0) {
            p[1].read(direct.hasRemaining() ? direct : heap);
        }
        direct.flip();
        byte[] first = new byte[3];
        direct.get(first);
        assertEquals("abc", new String(first, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("def", new String(heap.array(), java.nio.charset.StandardCharsets.US_ASCII));
        poller.setInterest(p[1], 0);
    }
}
