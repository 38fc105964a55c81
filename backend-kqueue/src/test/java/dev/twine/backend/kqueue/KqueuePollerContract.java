package dev.twine.backend.kqueue;

import static dev.twine.spi.Poller.ERROR;
import static dev.twine.spi.Poller.HANGUP;
import static dev.twine.spi.Poller.READ;
import static dev.twine.spi.Poller.READ_HANGUP;
import static dev.twine.spi.Poller.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.bsd.KqueueConfig;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.SelectableHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link KqueuePoller} over real loopback sockets. One concrete subclass per kqueue: the emulation
 * in each kevent ABI, so every behaviour runs with the 32-byte and the 64-byte struct, and whatever
 * kqueue the environment configures (the system's own on macOS and FreeBSD, or a library named by
 * {@code twine.kqueue.library}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class KqueuePollerContract {

    static final long SECOND = 1_000_000_000L;

    KqueueBindings bindings;
    ScriptedKqueue sys;
    KqueuePoller poller;
    LoopbackSockets sockets;
    final Map<SelectableHandle, Integer> reports = new IdentityHashMap<>();

    /** The kqueue under test. */
    abstract KqueueConfig config();

    @BeforeEach
    void open() throws IOException {
        KqueueBindings real = KqueueBindings.load(config());
        sys = new ScriptedKqueue(real.kqueue());
        bindings = real.withKqueue(sys);
        poller = KqueuePoller.open(bindings);
        sockets = new LoopbackSockets(new PosixSocketProvider(bindings.socketCalls()));
    }

    @AfterEach
    void close() {
        if (poller != null) {
            poller.close();
        }
        if (sockets != null) {
            sockets.close();
        }
    }

    /** One poll with the given timeout; returns the handles reported, with their bits. */
    Map<SelectableHandle, Integer> poll(long timeoutNanos) throws IOException {
        reports.clear();
        int n = poller.poll(timeoutNanos, (handle, ops) -> {
            Integer before = reports.put(handle, ops);
            assertNull(before, "a handle is reported at most once per poll");
        });
        assertEquals(reports.size(), n, "poll returns the number of handles reported");
        return reports;
    }

    /** Polls until {@code handle} is reported with all of {@code bits}; returns its bits. */
    int awaitBits(SelectableHandle handle, int bits) throws IOException {
        long deadline = System.nanoTime() + 20 * SECOND;
        while (System.nanoTime() < deadline) {
            Integer ops = poll(SECOND / 10).get(handle);
            if (ops != null && (ops & bits) == bits) {
                return ops;
            }
        }
        throw new AssertionError("not reported with bits " + bits + ": " + handle);
    }

    static void send(PosixStreamSocket socket, String text) throws IOException {
        socket.write(ByteBuffer.wrap(text.getBytes()));
    }

    // -- readiness --

    @Test
    void aReadableHandleIsReportedInEveryPollUntilItIsDrained() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        assertTrue(poll(0).isEmpty(), "nothing to read yet");
        send(pair[0], "hello");
        assertEquals(READ, awaitBits(pair[1], READ));
        assertEquals(READ, poll(0).get(pair[1]), "level-triggered: reported again");
        pair[1].read(ByteBuffer.allocate(64));
        assertTrue(poll(0).isEmpty(), "drained");
    }

    @Test
    void readAndWriteReadinessOfOneHandleAreMergedIntoOneReport() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        send(pair[0], "x");
        poller.setInterest(pair[1], READ | WRITE);
        assertEquals(READ | WRITE, awaitBits(pair[1], READ | WRITE));
    }

    @Test
    void aListeningSocketIsReadableWhileAConnectionWaits() throws Exception {
        PosixListeningSocket listener = sockets.listen();
        poller.setInterest(listener, READ);
        assertTrue(poll(0).isEmpty());
        PosixStreamSocket client = sockets.open();
        client.connect(listener.localAddress());
        awaitBits(listener, READ);
        poller.setInterest(listener, 0);
    }

    @Test
    void peerShutdownIsReportedAsReadHangupWithoutError() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        pair[0].shutdownOutput();
        int ops = awaitBits(pair[1], READ | READ_HANGUP);
        assertEquals(0, ops & ERROR);
    }

    @Test
    void peerResetIsReportedAsReadHangupWithError() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        pair[0].abort();
        assertEquals(READ | READ_HANGUP | ERROR, awaitBits(pair[1], READ | READ_HANGUP | ERROR));
    }

    @Test
    void aRefusedConnectIsReportedWritableWithHangupAndErrorAndFinishConnectNamesIt() throws Exception {
        PosixListeningSocket listener = sockets.listen();
        InetSocketAddress nobody = listener.localAddress();
        listener.close();
        PosixStreamSocket client = sockets.open();
        if (client.connect(nobody)) {
            throw new AssertionError("connected to a closed port");
        }
        poller.setInterest(client, WRITE);
        assertEquals(WRITE | HANGUP | ERROR, awaitBits(client, WRITE | HANGUP | ERROR));
        dev.twine.spi.SocketErrorException e = assertThrows(dev.twine.spi.SocketErrorException.class,
                client::finishConnect);
        assertEquals("ECONNREFUSED", e.errnoName());
    }

    // -- interest --

    @Test
    void interestChangesRideInTheCallThatWaits() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        int before = sys.keventCalls;
        poller.setInterest(pair[0], WRITE);
        poller.setInterest(pair[1], READ | WRITE);
        assertEquals(before, sys.keventCalls, "no system call until the poll");
        poll(0);
        assertEquals(before + 1, sys.keventCalls, "one kevent applied three changes and waited");
        assertEquals(2, reports.size());
    }

    @Test
    void settingTheInterestAHandleAlreadyHasCostsNothing() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        poll(0);
        int changes = sys.changesSubmitted;
        poller.setInterest(pair[1], READ);
        poll(0);
        assertEquals(changes, sys.changesSubmitted);
    }

    @Test
    void aWriterAddedAndRemovedBeforeThePollNeverReachesTheKernel() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        poll(0);
        int changes = sys.changesSubmitted;
        poller.setInterest(pair[1], READ | WRITE);
        poller.setInterest(pair[1], READ);
        poll(0);
        assertEquals(changes, sys.changesSubmitted);
    }

    @Test
    void removingAHandleTheKernelNeverSawCostsNoSystemCall() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        int calls = sys.keventCalls;
        int changes = sys.changesSubmitted;
        poller.setInterest(pair[1], READ | WRITE);
        poller.setInterest(pair[1], 0);
        assertEquals(calls, sys.keventCalls);
        poll(0);
        assertEquals(changes, sys.changesSubmitted, "nothing was ever submitted");
    }

    @Test
    void removingInterestReachesTheKernelBeforeTheCallReturnsSoTheHandleCanBeClosed() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ | WRITE);
        awaitBits(pair[1], WRITE);
        int before = sys.keventCalls;
        poller.setInterest(pair[1], 0);
        assertEquals(before + 1, sys.keventCalls, "EV_DELETE submitted at once");
        pair[1].close();
        send(pair[0], "after close");
        assertTrue(poll(SECOND / 10).isEmpty());
    }

    @Test
    void removingOneFilterStopsOnlyThatReadiness() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        send(pair[0], "x");
        poller.setInterest(pair[1], READ | WRITE);
        awaitBits(pair[1], READ | WRITE);
        poller.setInterest(pair[1], READ);
        assertEquals(READ, poll(0).get(pair[1]));
    }

    @Test
    void aHandleRemovedByAnEarlierCallbackInTheBatchIsNotReported() throws Exception {
        PosixStreamSocket[] a = sockets.pair();
        PosixStreamSocket[] b = sockets.pair();
        poller.setInterest(a[1], WRITE);
        poller.setInterest(b[1], WRITE);
        awaitBits(a[1], WRITE);
        int[] seen = {0};
        poller.poll(0, (handle, ops) -> {
            seen[0]++;
            try {
                poller.setInterest(handle == a[1] ? b[1] : a[1], 0);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1, seen[0], "the second handle was removed before its turn");
    }

    @Test
    void moreChangesThanTheChangeListHoldsAreAllApplied() throws Exception {
        int pairs = KqueuePoller.CHANGES / 2 + 8;
        PosixStreamSocket[][] all = new PosixStreamSocket[pairs][];
        for (int i = 0; i < pairs; i++) {
            all[i] = sockets.pair();
            poller.setInterest(all[i][0], READ | WRITE);
        }
        int seen = 0;
        long deadline = System.nanoTime() + 20 * SECOND;
        Map<SelectableHandle, Integer> union = new IdentityHashMap<>();
        while (union.size() < pairs && System.nanoTime() < deadline) {
            union.putAll(poll(SECOND / 10));
        }
        for (PosixStreamSocket[] pair : all) {
            if (union.containsKey(pair[0])) {
                seen++;
            }
        }
        assertEquals(pairs, seen, "every handle's write readiness arrived");
    }

    @Test
    void handlesOfAnotherBackendAreRejected() {
        SelectableHandle foreign = new SelectableHandle() {
            @Override
            public int fileno() {
                return 0;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }

            @Override
            public Object reactorSlot() {
                return null;
            }

            @Override
            public void reactorSlot(Object slot) {
            }
        };
        assertThrows(IllegalArgumentException.class, () -> poller.setInterest(foreign, READ));
    }

    // -- waiting and waking --

    @Test
    void aTimedPollWaitsAtLeastItsTimeout() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        long start = System.nanoTime();
        assertTrue(poll(50_000_000L).isEmpty());
        assertTrue(System.nanoTime() - start >= 50_000_000L, "timers are never woken early");
    }

    @Test
    void wakeupFromAnotherThreadEndsAnUnboundedPoll() throws Exception {
        Thread waker = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            poller.wakeup();
        });
        waker.start();
        assertTrue(poll(-1).isEmpty(), "woken, with nothing to report");
        waker.join();
    }

    @Test
    void aWakeupBeforeThePollMakesItReturnPromptlyOnce() throws Exception {
        poller.wakeup();
        assertTrue(poll(-1).isEmpty());
        long start = System.nanoTime();
        assertTrue(poll(50_000_000L).isEmpty());
        assertTrue(System.nanoTime() - start >= 50_000_000L, "the wake-up was consumed (EV_CLEAR)");
    }

    @Test
    void wakeupAfterCloseIsHarmless() {
        poller.close();
        poller.wakeup();
        assertThrows(IOException.class, () -> poller.poll(0, (h, ops) -> { }));
    }

    @Test
    void aSignalDuringTheWaitIsAnEmptyPollAndTheChangesStillApply() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], WRITE);
        sys.failNextWait(bindings.errno().number("EINTR"));
        assertTrue(poll(-1).isEmpty());
        assertEquals(WRITE, poll(0).get(pair[1]), "the add went in with the interrupted call");
    }

    @Test
    void anAddTheKernelRejectsIsReportedAsErrorForThatHandle() throws Exception {
        // A descriptor number far above anything open (and above the usual RLIMIT_NOFILE of 1024),
        // as if the descriptor had been closed behind the reactor's back: EV_ADD fails with EBADF.
        PosixHandle stale = new PosixHandle(bindings.socketCalls(), 4000) {
            @Override
            public void close() {
                // Never close a number this test does not own.
            }
        };
        poller.setInterest(stale, READ);
        assertEquals(ERROR, poll(0).get(stale));
        assertTrue(poll(0).isEmpty(), "reported once");
        poller.setInterest(stale, 0);
        assertTrue(poll(0).isEmpty());
    }

    @Test
    void aSinkThatThrowsLeavesThePollerUsable() throws Exception {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[0], WRITE);
        poller.setInterest(pair[1], WRITE);
        awaitBits(pair[0], WRITE);
        assertThrows(IllegalStateException.class, () -> poller.poll(0, (h, ops) -> {
            throw new IllegalStateException("callback failed");
        }));
        assertEquals(2, poll(0).size(), "both handles are reported again, each once");
    }
}
