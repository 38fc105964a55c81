package dev.twine.backend.epoll;

import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.twine.backend.epoll.Readiness.awaitBits;
import static dev.twine.backend.epoll.Readiness.awaitReady;
import static dev.twine.backend.epoll.Readiness.poll;
import static dev.twine.spi.Poller.ERROR;
import static dev.twine.spi.Poller.HANGUP;
import static dev.twine.spi.Poller.READ;
import static dev.twine.spi.Poller.READ_HANGUP;
import static dev.twine.spi.Poller.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EpollPoller} against real loopback sockets. */
class EpollPollerTest {

    private static final long NOW = 0;
    private static final long BRIEFLY = TimeUnit.MILLISECONDS.toNanos(20);

    private CountingEpoll counting;
    private EpollPoller poller;
    private Sockets sockets;

    @BeforeEach
    void open() throws IOException {
        Sockets.assumeLinux();
        LinuxBindings real = LinuxBindings.load();
        counting = new CountingEpoll(real.epoll());
        LinuxBindings bindings = real.withEpoll(counting);
        poller = EpollPoller.open(bindings);
        sockets = new Sockets(new PosixSocketProvider(bindings.socketCalls()));
    }

    @AfterEach
    void close() {
        if (sockets != null) {
            sockets.close();
        }
        if (poller != null) {
            poller.close();
        }
    }

    private static void send(PosixStreamSocket socket, int count) throws IOException {
        assertEquals(count, socket.write(ByteBuffer.allocate(count)));
    }

    // -- readiness --

    @Test
    void freshConnectionIsWritableButNotReadable() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[0], READ | WRITE);
        assertEquals(WRITE, awaitReady(poller, pair[0]));
    }

    @Test
    void dataMakesThePeerReadableWithAllItsBitsInOneReport() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ | WRITE);
        send(pair[0], 10);
        assertEquals(READ | WRITE, awaitBits(poller, pair[1], READ));
    }

    @Test
    void readinessIsLevelTriggeredUntilTheDataIsRead() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        send(pair[0], 100);
        assertEquals(READ, awaitReady(poller, pair[1]));
        assertEquals(READ, poll(poller, NOW).ready.get(pair[1]), "reported again while unread");
        assertEquals(READ, poll(poller, NOW).ready.get(pair[1]), "and again");
        assertEquals(100, pair[1].read(ByteBuffer.allocate(1000)));
        Readiness drained = poll(poller, BRIEFLY);
        assertTrue(drained.ready.isEmpty());
        assertEquals(0, drained.returned);
    }

    @Test
    void pollReturnsTheNumberOfHandlesReported() throws IOException {
        PosixStreamSocket[] a = sockets.pair();
        PosixStreamSocket[] b = sockets.pair();
        poller.setInterest(a[1], READ);
        poller.setInterest(b[1], READ);
        send(a[0], 1);
        send(b[0], 1);
        Readiness both = Sockets.await("both readable", () -> {
            Readiness r = poll(poller, BRIEFLY);
            return r.ready.size() == 2 ? r : null;
        });
        assertEquals(2, both.returned);
    }

    @Test
    void listenerIsReadableWhenAConnectionIsPending() throws IOException {
        PosixListeningSocket listener = sockets.listen();
        poller.setInterest(listener, READ);
        assertTrue(poll(poller, NOW).ready.isEmpty());
        PosixStreamSocket client = sockets.track(sockets.provider.openStream(StandardProtocolFamily.INET));
        client.connect(listener.localAddress());
        assertEquals(READ, awaitReady(poller, listener));
        assertTrue(sockets.track(listener.accept()).isOpen());
    }

    @Test
    void connectCompletionIsReportedAsWritable() throws IOException {
        PosixListeningSocket listener = sockets.listen();
        PosixStreamSocket client = sockets.track(sockets.provider.openStream(StandardProtocolFamily.INET));
        boolean immediately = client.connect(listener.localAddress());
        poller.setInterest(client, WRITE);
        assertEquals(WRITE, awaitReady(poller, client));
        assertTrue(immediately || client.finishConnect());
    }

    @Test
    void refusedConnectIsReportedAndFinishConnectNamesTheError() throws IOException {
        PosixListeningSocket listener = sockets.listen();
        InetSocketAddress nobody = listener.localAddress();
        listener.close();
        PosixStreamSocket client = sockets.track(sockets.provider.openStream(StandardProtocolFamily.INET));
        try {
            assertFalse(client.connect(nobody));
        } catch (SocketErrorException refusedAtOnce) {
            assertEquals("ECONNREFUSED", refusedAtOnce.errnoName());
            return;
        }
        poller.setInterest(client, WRITE);
        int ops = awaitReady(poller, client);
        assertTrue((ops & (ERROR | HANGUP)) != 0, "error or hang-up reported, got " + ops);
        SocketErrorException refused = assertThrows(SocketErrorException.class, client::finishConnect);
        assertEquals("ECONNREFUSED", refused.errnoName());
    }

    // -- hang-ups --

    @Test
    void peerShutdownOfItsOutputIsReportedAsReadHangup() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        pair[0].shutdownOutput();
        assertEquals(READ | READ_HANGUP, awaitReady(poller, pair[1]));
        assertEquals(-1, pair[1].read(ByteBuffer.allocate(1)));
    }

    @Test
    void readHangupIsNotReportedWithoutReadInterest() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], WRITE);
        pair[0].shutdownOutput();
        // Only WRITE is wanted, so a half-close must not wake the loop with READ bits (no busy loop
        // for a paused reader).
        int ops = awaitReady(poller, pair[1]);
        assertEquals(WRITE, ops);
    }

    @Test
    void closingBothDirectionsIsReportedAsHangup() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        pair[0].close();
        pair[1].shutdownOutput();
        int ops = awaitBits(poller, pair[1], HANGUP);
        assertEquals(READ | READ_HANGUP | HANGUP, ops);
    }

    @Test
    void peerResetIsReportedAsHangupAndError() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        pair[0].abort();
        int ops = awaitBits(poller, pair[1], HANGUP | ERROR);
        assertTrue((ops & READ) != 0, "reset is also readable (the read reports it), got " + ops);
    }

    @Test
    void hangupIsReportedEvenWithOnlyWriteInterest() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], WRITE);
        pair[0].abort();
        int ops = awaitBits(poller, pair[1], HANGUP);
        assertEquals(0, ops & (READ | READ_HANGUP), "read bits stay masked, got " + ops);
    }

    // -- interest changes --

    @Test
    void deregisteredHandleIsNeverReported() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        send(pair[0], 5);
        awaitReady(poller, pair[1]);
        poller.setInterest(pair[1], 0);
        assertTrue(poll(poller, BRIEFLY).ready.isEmpty());
    }

    @Test
    void deregistrationIsImmediateAndIdempotent() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        poller.setInterest(pair[1], READ);
        poll(poller, NOW);
        counting.reset();
        poller.setInterest(pair[1], 0);
        assertEquals(List.of("DEL " + pair[1].fileno()), counting.controls, "removed before any poll");
        poller.setInterest(pair[1], 0);
        assertEquals(1, counting.controls.size(), "second removal makes no call");
    }

    @Test
    void interestNeverAppliedIsRemovedWithoutASystemCall() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        counting.reset();
        poller.setInterest(pair[1], READ);
        poller.setInterest(pair[1], 0);
        poll(poller, NOW);
        assertEquals(List.of(), counting.controls);
    }

    @Test
    void unchangedInterestMakesNoSystemCall() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        int fd = pair[1].fileno();
        counting.reset();
        poller.setInterest(pair[1], READ);
        poll(poller, NOW);
        assertEquals(List.of("ADD " + fd), counting.controls);
        poller.setInterest(pair[1], READ);
        poll(poller, NOW);
        poller.setInterest(pair[1], READ | WRITE);
        poller.setInterest(pair[1], READ);
        poll(poller, NOW);
        assertEquals(List.of("ADD " + fd), counting.controls, "no call for a mask the kernel already has");
        poller.setInterest(pair[1], WRITE);
        poll(poller, NOW);
        assertEquals(List.of("ADD " + fd, "MOD " + fd), counting.controls);
    }

    @Test
    void changesQueuedBeforeAPollAreAppliedByIt() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        counting.reset();
        poller.setInterest(pair[1], READ);
        poller.setInterest(pair[1], WRITE);
        poller.setInterest(pair[1], READ | WRITE);
        assertEquals(List.of(), counting.controls, "nothing applied before the poll");
        send(pair[0], 1);
        assertEquals(READ | WRITE, awaitBits(poller, pair[1], READ));
        assertEquals(List.of("ADD " + pair[1].fileno()), counting.controls, "one ADD with the final mask");
    }

    @Test
    void droppingInterestDuringDispatchMasksThatHandlesLaterEvents() throws IOException {
        PosixStreamSocket[] a = sockets.pair();
        PosixStreamSocket[] b = sockets.pair();
        poller.setInterest(a[1], READ);
        poller.setInterest(b[1], READ);
        send(a[0], 1);
        send(b[0], 1);
        Sockets.await("both readable", () -> poll(poller, BRIEFLY).ready.size() == 2 ? Boolean.TRUE : null);
        List<SelectableHandle> reported = new ArrayList<>();
        poller.poll(NOW, (handle, ops) -> {
            if (reported.isEmpty()) {
                try {
                    poller.setInterest(handle == a[1] ? b[1] : a[1], 0);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            reported.add(handle);
        });
        assertEquals(1, reported.size(), "the handle deregistered mid-dispatch was skipped: " + reported);
    }

    @Test
    void staleEventOfAClosedDescriptorIsNotGivenToItsNewOwner() throws IOException {
        PosixStreamSocket[] a = sockets.pair();
        PosixStreamSocket[] b = sockets.pair();
        poller.setInterest(a[1], READ);
        poller.setInterest(b[1], READ);
        send(a[0], 1);
        send(b[0], 1);
        Sockets.await("both readable", () -> poll(poller, BRIEFLY).ready.size() == 2 ? Boolean.TRUE : null);
        List<SelectableHandle> reported = new ArrayList<>();
        PosixHandle[] successor = new PosixHandle[1];
        int[] reusedFd = new int[1];
        poller.poll(NOW, (handle, ops) -> {
            reported.add(handle);
            if (reported.size() > 1) {
                return;
            }
            try {
                // Deregister and close the other handle, then open a socket that takes its number.
                PosixStreamSocket other = handle == a[1] ? b[1] : a[1];
                reusedFd[0] = other.fileno();
                poller.setInterest(other, 0);
                other.close();
                // Descriptors are allocated lowest-free first, so within a few sockets one gets it.
                for (int i = 0; i < 100 && successor[0] == null; i++) {
                    PosixStreamSocket candidate = sockets.track(sockets.provider.openStream(StandardProtocolFamily.INET));
                    if (candidate.fileno() == reusedFd[0]) {
                        successor[0] = candidate;
                    }
                }
                poller.setInterest(successor[0], READ | WRITE);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1, reported.size(), "the old registration's event was dropped: " + reported);
    }

    // -- waking and waiting --

    @Test
    void wakeupFromAnotherThreadEndsAnIndefiniteWait() throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        Thread waker = new Thread(() -> {
            try {
                polling.await();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller.wakeup();
        });
        waker.start();
        polling.countDown();
        Readiness woken = poll(poller, -1);
        waker.join(Sockets.PATIENCE.toMillis());
        assertTrue(woken.ready.isEmpty(), "the wake-up is not reported as a handle");
        assertEquals(0, woken.returned);
    }

    @Test
    void wakeupBeforeAPollMakesItReturnAtOnceAndIsConsumed() throws IOException {
        poller.wakeup();
        assertEquals(0, poll(poller, -1).returned);
        long start = System.nanoTime();
        poll(poller, BRIEFLY);
        assertTrue(System.nanoTime() - start >= BRIEFLY, "the edge was consumed: the next poll waited");
    }

    @Test
    void everyWakeupIsANewEdgeAlthoughTheCounterIsNeverRead() throws IOException {
        for (int i = 0; i < 100; i++) {
            poller.wakeup();
            assertEquals(0, poll(poller, -1).returned);
        }
    }

    @Test
    void aTimedPollNeverReturnsEarly() throws IOException {
        long timeout = TimeUnit.MICROSECONDS.toNanos(15_300);
        long start = System.nanoTime();
        poll(poller, timeout);
        assertTrue(System.nanoTime() - start >= timeout, "waited at least the timeout");
    }

    @Test
    void timeoutsAreRoundedUpToWholeMilliseconds() {
        assertEquals(-1, EpollPoller.toMillis(-1));
        assertEquals(-1, EpollPoller.toMillis(Long.MIN_VALUE));
        assertEquals(0, EpollPoller.toMillis(0));
        assertEquals(1, EpollPoller.toMillis(1));
        assertEquals(1, EpollPoller.toMillis(1_000_000));
        assertEquals(2, EpollPoller.toMillis(1_000_001));
        assertEquals(Integer.MAX_VALUE, EpollPoller.toMillis(Long.MAX_VALUE));
    }

    @Test
    void wakeupAfterCloseIsHarmless() throws IOException {
        poller.close();
        poller.wakeup();
        poller.close();
        assertThrows(IOException.class, () -> poll(poller, NOW));
    }

    // -- misuse --

    @Test
    void handlesOfAnotherKindAreRejected() {
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

    @Test
    void interestOutsideReadAndWriteIsRejected() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        assertThrows(IllegalArgumentException.class, () -> poller.setInterest(pair[0], HANGUP));
    }

    @Test
    void closedHandleCannotBeRegistered() throws IOException {
        PosixStreamSocket[] pair = sockets.pair();
        pair[0].close();
        SocketErrorException error = assertThrows(SocketErrorException.class, () -> poller.setInterest(pair[0], READ));
        assertEquals("EBADF", error.errnoName());
        poller.setInterest(pair[0], 0);
    }

    @Test
    void aRegistrationTheKernelRefusesIsReportedAsError() throws IOException {
        // A handle whose descriptor number is not open: epoll_ctl(ADD) fails with EBADF at the next
        // poll, which reports the handle with ERROR instead of throwing from the loop.
        PosixStreamSocket[] pair = sockets.pair();
        PosixHandle bogus = new PosixHandle(sockets.provider.calls(), 19_999) {
        };
        poller.setInterest(bogus, READ);
        poller.setInterest(pair[1], READ);
        send(pair[0], 1);
        Readiness first = poll(poller, -1);
        assertEquals(ERROR, first.ready.get(bogus));
        assertNull(poll(poller, NOW).ready.get(bogus), "reported once");
        poller.setInterest(bogus, 0);
    }

    @Test
    void manyReadyHandlesAreAllReportedAcrossPollsAndTheArrayGrows() throws IOException {
        int count = EpollPoller.INITIAL_EVENTS + 44;
        PosixListeningSocket listener = sockets.listen();
        Set<SelectableHandle> pending = new HashSet<>();
        for (int i = 0; i < count; i++) {
            PosixStreamSocket[] pair = sockets.pairVia(listener);
            send(pair[0], 1);
            poller.setInterest(pair[1], READ);
            pending.add(pair[1]);
        }
        Set<SelectableHandle> seen = new HashSet<>();
        Sockets.await("all readable", () -> {
            poller.poll(BRIEFLY, (handle, ops) -> seen.add(handle));
            return seen.containsAll(pending) ? Boolean.TRUE : null;
        });
        Readiness all = Sockets.await("one poll reporting all", () -> {
            Readiness r = poll(poller, BRIEFLY);
            return r.returned == count ? r : null;
        });
        assertEquals(pending, all.ready.keySet());
    }
}
