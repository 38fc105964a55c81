package dev.twine.tck.poller;

import static dev.twine.spi.Poller.ERROR;
import static dev.twine.spi.Poller.HANGUP;
import static dev.twine.spi.Poller.READ;
import static dev.twine.spi.Poller.READ_HANGUP;
import static dev.twine.spi.Poller.WRITE;
import static dev.twine.testfixtures.Polls.names;
import static dev.twine.tck.poller.PollerHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;
import dev.twine.testfixtures.Polls.Report;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;

/**
 * The poller contract of {@link dev.twine.spi.Poller}, once, for every backend: select, epoll, both kqueue
 * ABIs (against the project's emulation) and the system's kqueue where there is one, and IOCP (under Wine).
 * The exact ready bits for each condition are the table in the {@code Poller} Javadoc; where the portable
 * select backend cannot see a hang-up ({@link PollerHarness#reportsHangups()}), the test says so and checks
 * what the read or {@code finishConnect} that follows reports instead.
 *
 * <p>Backend modules keep only tests of their own mechanism (kqueue's change list, IOCP's request records,
 * epoll's wake-up edge); everything observable through the SPI is here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerContractTest {
    private static final long MS = 1_000_000L;
    /** A token in the upper half of the range, to show tokens travel as full 64-bit values. */
    private static final long BIG = 0x7654_3210_0000_0007L;

    // -- readiness ----------------------------------------------------------------------------------

    @PollerTest
    void aFreshConnectionIsWritableButNotReadable(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, READ | WRITE);
        Report r = h.await(1, WRITE);
        assertEquals(WRITE, r.ops(), names(r.ops()));
        assertNull(r.error());
    }

    @PollerTest
    void dataIsReportedReadableInEveryPollUntilItIsDrained(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, READ);
        assertTrue(h.poll(0).isEmpty(), "nothing to read yet");
        send(pair[0], "hello");
        assertEquals(READ, h.await(1, READ).ops());
        assertEquals(READ, h.poll(0).get(1L).ops(), "level-triggered: reported again");
        assertEquals(5, PollerHarness.drain(pair[1]));
        assertTrue(h.poll(0).isEmpty(), "drained");
    }

    @PollerTest
    void readAndWriteReadinessOfOneHandleComeInOneReport(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        send(pair[0], "x");
        h.register(pair[1], 1, READ | WRITE);
        assertEquals(READ | WRITE, h.await(1, READ | WRITE).ops());
    }

    @PollerTest
    void theTokenComesBackAsRegisteredWithAllSixtyFourBits(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], BIG, WRITE);
        assertEquals(BIG, h.await(BIG, WRITE).token());
        send(pair[0], "x");
        h.reregister(pair[1], BIG, WRITE, READ | WRITE);
        assertEquals(READ | WRITE, h.await(BIG, READ | WRITE).ops(), "both filters under the one token");
    }

    @PollerTest
    void aListenerIsReadableWhileAConnectionWaits(PollerHarness<?> h) throws Exception {
        ListeningSocketHandle listener = h.listen();
        h.register(listener, 1, READ);
        assertTrue(h.poll(0).isEmpty());
        StreamSocketHandle client = h.open();
        client.connect(listener.localAddress());
        assertEquals(READ, h.await(1, READ).ops());
        StreamSocketHandle accepted = listener.accept();
        assertEquals(listener.localAddress().getPort(), accepted.localAddress().getPort(),
                "the waiting connection was accepted");
        accepted.close();
        h.deregister(listener, READ);
    }

    @PollerTest
    void aConnectThatSucceedsIsReportedWritable(PollerHarness<?> h) throws Exception {
        ListeningSocketHandle listener = h.listen();
        StreamSocketHandle client = h.open();
        if (!client.connect(listener.localAddress())) {
            h.register(client, 1, WRITE);
            assertEquals(WRITE, h.await(1, WRITE).ops());
        }
        assertTrue(client.finishConnect());
    }

    // -- the exact bits of the four conditions the Poller Javadoc fixes -------------------------------

    @PollerTest
    void aPeerHalfCloseIsReadWithReadHangupAndNoError(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, READ);
        pair[0].shutdownOutput();
        Report r = h.await(1, READ);
        int expected = h.reportsHangups() ? READ | READ_HANGUP : READ;
        if (h.reportsHangups() && r.ops() == READ) {
            r = h.await(1, READ | READ_HANGUP); // the FIN may follow the readable edge by a poll
        }
        assertEquals(expected, r.ops(), names(r.ops()));
        assertNull(r.error());
        assertEquals(-1, PollerHarness.drain(pair[1]), "the read sees end of stream");
        send(pair[1], "still writable");
    }

    @PollerTest
    void aPeerResetIsReadHangupAndErrorNamingTheReset(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, READ);
        pair[0].abort();
        if (!h.reportsHangups()) {
            assertEquals(READ, h.await(1, READ).ops());
            SocketErrorException e = assertThrows(SocketErrorException.class, () -> PollerHarness.drain(pair[1]));
            assertEquals(SocketError.ECONNRESET, e.error(), "select: the read reports the reset");
            return;
        }
        Report r = h.await(1, READ | READ_HANGUP | HANGUP | ERROR);
        assertEquals(READ | READ_HANGUP | HANGUP | ERROR, r.ops(), names(r.ops()));
        if (r.error() != null) {
            assertEquals(SocketError.ECONNRESET, r.error(), "an error delivered with the event names the reset");
        } else {
            SocketErrorException e = assertThrows(SocketErrorException.class, () -> PollerHarness.drain(pair[1]));
            assertEquals(SocketError.ECONNRESET, e.error(), "without one, the read reports it");
        }
    }

    @PollerTest
    void aRefusedConnectIsWritableWithHangupAndErrorNamingTheRefusal(PollerHarness<?> h) throws Exception {
        StreamSocketHandle client = h.open();
        if (client.connect(h.closedPort())) {
            throw new AssertionError("connected to a closed port");
        }
        h.register(client, 1, WRITE);
        Report r = h.await(1, WRITE);
        int expected = h.reportsHangups() ? WRITE | HANGUP | ERROR : WRITE;
        if (r.ops() != expected && h.reportsHangups()) {
            r = h.await(1, expected);
        }
        assertEquals(expected, r.ops(), names(r.ops()));
        if (r.error() != null) {
            assertEquals(SocketError.ECONNREFUSED, r.error());
        } else {
            SocketErrorException e = assertThrows(SocketErrorException.class, client::finishConnect);
            assertEquals(SocketError.ECONNREFUSED, e.error(), "finishConnect names the refusal");
        }
    }

    @PollerTest
    void aWakeupIsNeverReportedAndEndsTheWait(PollerHarness<?> h) throws Exception {
        h.poller().wakeup();
        long start = System.nanoTime();
        assertTrue(h.poll(-1).isEmpty(), "a wake-up makes no report");
        assertTrue(System.nanoTime() - start < 5_000 * MS, "and the wait ended at once");
    }

    // -- interest -----------------------------------------------------------------------------------

    @PollerTest
    void readHangupAndReadAreNotReportedWithoutReadInterest(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, WRITE);
        send(pair[0], "x");
        pair[0].shutdownOutput();
        Thread.sleep(50);
        Report r = h.await(1, WRITE);
        assertEquals(0, r.ops() & (READ | READ_HANGUP), names(r.ops()));
    }

    @PollerTest
    void narrowingTheInterestStopsOnlyThatDirection(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        send(pair[0], "x");
        h.register(pair[1], 1, READ | WRITE);
        h.await(1, READ | WRITE);
        h.reregister(pair[1], 1, READ | WRITE, READ);
        assertEquals(READ, h.await(1, READ).ops());
        assertEquals(READ, h.poll(0).get(1L).ops());
    }

    @PollerTest
    void wideningTheInterestFromReadToWriteReportsWritable(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, READ);
        assertTrue(h.poll(0).isEmpty());
        h.reregister(pair[1], 1, READ, READ | WRITE);
        assertEquals(WRITE, h.await(1, WRITE).ops());
    }

    @PollerTest
    void interestFlippingBackAndForthKeepsReportingWhatIsWanted(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        send(pair[0], "x");
        h.register(pair[1], 1, READ);
        int ops = READ;
        for (int i = 0; i < 20; i++) {
            int next = ops == READ ? WRITE : READ;
            h.reregister(pair[1], 1, ops, next);
            ops = next;
            assertEquals(ops, h.await(1, ops).ops(), "round " + i);
        }
    }

    @PollerTest
    void aDeregisteredHandleIsNeverReportedAndCanBeClosedAtOnce(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, READ | WRITE);
        h.await(1, WRITE);
        h.deregister(pair[1], READ | WRITE);
        pair[1].close();
        send(pair[0], "after close");
        Map<Long, Report> reports = h.poll(100 * MS);
        assertFalse(reports.containsKey(1L), "reported after deregistration: " + reports);
        StreamSocketHandle[] other = h.pair();
        h.register(other[1], 2, WRITE);
        assertEquals(WRITE, h.await(2, WRITE).ops(), "a descriptor number reused after close starts clean");
        assertFalse(h.poll(0).containsKey(1L));
    }

    @PollerTest
    void aHandleCanBeRegisteredAgainAfterDeregistration(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, WRITE);
        h.await(1, WRITE);
        h.deregister(pair[1], WRITE);
        assertFalse(h.poll(0).containsKey(1L));
        h.register(pair[1], 2, WRITE);
        assertEquals(WRITE, h.await(2, WRITE).ops());
        assertFalse(h.poll(0).containsKey(1L), "only under its new token");
    }

    @PollerTest
    void registeringAClosedHandleFailsWithEbadf(PollerHarness<?> h) throws Exception {
        StreamSocketHandle socket = h.open();
        socket.close();
        SocketErrorException e = assertThrows(SocketErrorException.class, () -> h.register(socket, 1, READ));
        assertEquals(SocketError.EBADF, e.error(), e.getMessage());
    }

    // -- many handles, and a sink that throws -------------------------------------------------------

    @PollerTest
    void manyReadyHandlesAreAllReportedEachOncePerPoll(PollerHarness<?> h) throws Exception {
        int count = 300; // more than the 256 events a native poller fetches at first
        for (int i = 0; i < count; i++) {
            StreamSocketHandle[] pair = h.pair();
            h.register(pair[1], 1000 + i, WRITE);
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long deadline = System.nanoTime() + PollerHarness.PATIENCE_NANOS;
        while (seen.size() < count && System.nanoTime() < deadline) {
            seen.addAll(h.poll(10 * MS).keySet()); // poll() itself fails on a token reported twice
        }
        assertEquals(count, seen.size());
    }

    @PollerTest
    void aSinkThatThrowsLeavesThePollerUsable(PollerHarness<?> h) throws Exception {
        StreamSocketHandle[] pair = h.pair();
        h.register(pair[1], 1, WRITE);
        h.await(1, WRITE);
        assertThrows(IllegalStateException.class, () -> h.poller().poll(0, (token, ops, error) -> {
            throw new IllegalStateException("callback failed");
        }));
        assertEquals(WRITE, h.await(1, WRITE).ops(), "still level-triggered afterwards");
    }

    // -- waiting ------------------------------------------------------------------------------------

    @PollerTest
    void aWakeupFromAnotherThreadEndsAnUnboundedPoll(PollerHarness<?> h) throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        AtomicLong returnedAfter = new AtomicLong(-1);
        Thread waker = new Thread(() -> {
            try {
                polling.await();
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            h.poller().wakeup();
        });
        waker.start();
        long start = System.nanoTime();
        polling.countDown();
        h.poll(-1);
        returnedAfter.set(System.nanoTime() - start);
        waker.join(5_000);
        assertTrue(returnedAfter.get() < 10_000 * MS, "returned after " + returnedAfter.get() / MS + " ms");
    }

    @PollerTest
    void aWakeupBeforeThePollIsConsumedByOnePoll(PollerHarness<?> h) throws Exception {
        h.poller().wakeup();
        h.poll(5_000 * MS);
        long start = System.nanoTime();
        h.poll(50 * MS);
        assertTrue(System.nanoTime() - start >= 50 * MS, "the second poll waited its timeout");
    }

    @PollerTest
    void aTimedPollNeverReturnsBeforeItsTimeout(PollerHarness<?> h) throws Exception {
        for (long timeout : new long[] {1 * MS, 3 * MS + 1, 20 * MS}) {
            long start = System.nanoTime();
            assertTrue(h.poll(timeout).isEmpty());
            long waited = System.nanoTime() - start;
            assertTrue(waited >= timeout, "waited " + waited + " ns of " + timeout);
        }
    }

    @PollerTest
    void aWakeupAfterCloseIsHarmless(PollerHarness<?> h) throws Exception {
        h.poller().close();
        h.poller().wakeup();
    }

    @PollerTest
    void theAcceptedSocketKnowsItsPeerWithoutAskingTheKernel(PollerHarness<?> h) throws Exception {
        ListeningSocketHandle listener = h.listen();
        StreamSocketHandle client = h.open();
        client.connect(listener.localAddress());
        h.register(listener, 1, READ);
        h.await(1, READ);
        client.abort(); // the peer resets before the server gets to the connection
        Thread.sleep(50);
        StreamSocketHandle accepted;
        try {
            accepted = listener.accept();
        } catch (SocketErrorException e) {
            // Windows drops a connection reset before accept and says so (WSAECONNRESET), which the SPI
            // reports as a client gone.
            assertEquals(SocketError.ECONNABORTED, e.error(), e.getMessage());
            return;
        }
        if (accepted == null) {
            return; // this OS dropped the reset connection from the backlog without a word
        }
        try {
            assertEquals(java.net.InetAddress.getLoopbackAddress(), accepted.remoteAddress().getAddress(),
                    "the address accept returned, although getpeername would fail now");
        } finally {
            accepted.close();
        }
    }
}
