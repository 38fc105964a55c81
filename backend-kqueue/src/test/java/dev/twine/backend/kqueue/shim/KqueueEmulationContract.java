package dev.twine.backend.kqueue.shim;

import static dev.twine.nativeio.bsd.KqueueConstants.EVFILT_READ;
import static dev.twine.nativeio.bsd.KqueueConstants.EVFILT_WRITE;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_ADD;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_CLEAR;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_DELETE;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_DISABLE;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_DISPATCH;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_ENABLE;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_EOF;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_ERROR;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_ONESHOT;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_RECEIPT;
import static dev.twine.nativeio.bsd.KqueueConstants.NOTE_FFAND;
import static dev.twine.nativeio.bsd.KqueueConstants.NOTE_FFCOPY;
import static dev.twine.nativeio.bsd.KqueueConstants.NOTE_FFOR;
import static dev.twine.nativeio.bsd.KqueueConstants.NOTE_TRIGGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.backend.kqueue.KqShim;
import dev.twine.nativeio.Platform;
import dev.twine.nativeio.bsd.KeventArray;
import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.Kqueue;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.testfixtures.OpenDescriptors;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The kqueue(2) man page's rules, checked against Twine's kqueue EMULATION through the binding the
 * backend uses on this JDK ({@link Platform#kqueue}: jnr-ffi before JDK 22, Panama from 22 on, so the
 * JDK matrix runs every rule on both). One concrete subclass per ABI, so every rule runs against both
 * builds.
 *
 * <p>errno values are Linux's here (the emulation runs on Linux); the ones asserted (ENOENT 2, EBADF
 * 9, EINVAL 22, EIO 5) have the same numbers on macOS and FreeBSD.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class KqueueEmulationContract {

    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EINVAL = 22;
    static final long SECOND = 1_000_000_000L;

    KqFixture kq;
    Descriptors fds;
    KeventLayout layout;
    short user;

    /** The ABI of the emulation build under test. */
    abstract KqShim.Abi abi();

    @BeforeEach
    void open() {
        Path library = KqShim.library(abi());
        Kqueue sys = Platform.kqueue(library.toString());
        layout = abi().layout();
        user = layout.evfiltUser();
        kq = new KqFixture(sys, layout);
        fds = new Descriptors();
    }

    @AfterEach
    void closeAll() {
        kq.close();
        fds.close();
    }

    // -- the ABI --

    @Test
    void structSizeOffsetsAndUserFilterMatchTheJavaLayoutTable() {
        ShimIntrospection shim = ShimIntrospection.load(KqShim.library(abi()));
        assertEquals(layout.size(), shim.kqshim_kevent_size());
        assertEquals(layout.identOffset(), shim.kqshim_kevent_offset(0));
        assertEquals(layout.filterOffset(), shim.kqshim_kevent_offset(1));
        assertEquals(layout.flagsOffset(), shim.kqshim_kevent_offset(2));
        assertEquals(layout.fflagsOffset(), shim.kqshim_kevent_offset(3));
        assertEquals(layout.dataOffset(), shim.kqshim_kevent_offset(4));
        assertEquals(layout.udataOffset(), shim.kqshim_kevent_offset(5));
        assertEquals(layout.extOffset(), shim.kqshim_kevent_offset(6));
        assertEquals(layout.evfiltUser(), shim.kqshim_evfilt_user());
        assertEquals(layout.abiName(), shim.kqshim_abi());
    }

    @Test
    void aDescriptorThatIsNotAKqueueIsEbadf() {
        int[] pair = fds.socketpair();
        int n = kq.sys.kevent(pair[0], 0, 0, kq.events.address(), 1, 0);
        assertEquals(-EBADF, n);
    }

    @Test
    void closingAKqueueReleasesEveryDescriptorItOpened() throws IOException {
        Assumptions.assumeTrue(OpenDescriptors.supported(), "needs /proc/self/fd");
        List<String> before = OpenDescriptors.list();
        for (int i = 0; i < 20; i++) {
            new KqFixture(kq.sys, layout).close();
        }
        assertEquals(before, OpenDescriptors.list());
    }

    // -- EVFILT_READ --

    @Test
    void readReportsTheBytesAvailableAndReturnsUdataUnchanged() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD, 0xfeedL).apply();
        assertEquals(0, kq.poll(), "nothing to read yet");

        fds.write(pair[1], 5);
        assertEquals(1, kq.poll());
        assertEquals(pair[0], kq.events.ident(0));
        assertEquals(EVFILT_READ, kq.events.filter(0));
        assertEquals(5, kq.events.data(0));
        assertEquals(0xfeedL, kq.events.udata(0));
        assertEquals(0, kq.events.flags(0) & (EV_EOF | EV_ERROR));
    }

    @Test
    void readIsLevelTriggeredUntilTheDataIsRead() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD, 0).apply();
        fds.write(pair[1], 3);
        assertEquals(1, kq.poll());
        assertEquals(1, kq.poll(), "still readable, so reported again");
        assertEquals(3, fds.read(pair[0]));
        assertEquals(0, kq.poll(), "drained");
    }

    @Test
    void readOnAListeningSocketCountsTheConnectionsWaitingToBeAccepted() throws Exception {
        int listener = fds.listener();
        kq.change(listener, EVFILT_READ, EV_ADD, 0).apply();
        assertEquals(0, kq.poll());
        int port = fds.port(listener);
        fds.connecting(port);
        fds.connecting(port);
        long deadline = System.nanoTime() + 20 * SECOND;
        long pending = 0;
        while (pending < 2 && System.nanoTime() < deadline) {
            int n = kq.kevent(kq.events.capacity(), SECOND / 10);
            pending = n == 1 ? kq.events.data(0) : 0;
        }
        assertEquals(2, pending);
        fds.accept(listener);
        assertEquals(1, kq.poll());
        assertEquals(1, kq.events.data(0));
    }

    @Test
    void peerCloseSetsEofOnReadWithNoError() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD, 0).apply();
        fds.write(pair[1], 2);
        fds.close(pair[1]);
        assertEquals(1, kq.poll());
        assertTrue((kq.events.flags(0) & EV_EOF) != 0, "EV_EOF");
        assertEquals(0, kq.events.fflags(0));
        assertEquals(2, kq.events.data(0), "the data still unread is reported with EV_EOF");
    }

    @Test
    void peerResetSetsEofWithAnErrorAndLeavesTheRealErrorInTheSocket() throws Exception {
        int listener = fds.listener();
        int client = fds.connecting(fds.port(listener));
        int server = fds.accept(listener);
        kq.change(client, EVFILT_READ, EV_ADD, 0).apply();
        fds.reset(server);

        assertEquals(1, kq.kevent(1, 20 * SECOND));
        assertTrue((kq.events.flags(0) & EV_EOF) != 0, "EV_EOF");
        assertEquals(EIO, kq.events.fflags(0), "an error is pending (emulation difference 1)");
        SocketErrorException e = assertThrows(SocketErrorException.class,
                () -> fds.read(client));
        assertEquals(SocketError.ECONNRESET, e.error(), "the program still sees the real error");
    }

    // -- EVFILT_WRITE --

    @Test
    void writeReportsFreeSendSpaceAndStopsWhileTheBufferIsFull() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_WRITE, EV_ADD, 7).apply();
        assertEquals(1, kq.poll());
        long free = kq.events.data(0);
        assertTrue(free > 0, "free space " + free);
        assertEquals(7, kq.events.udata(0));

        fds.fill(pair[0]);
        assertEquals(0, kq.poll(), "not writable while full");
        while (fds.read(pair[1]) > 0) {
            // drain the peer so space comes back
        }
        assertEquals(1, kq.kevent(1, 20 * SECOND));
        assertTrue(kq.events.data(0) > 0);
    }

    @Test
    void failedConnectSetsEofOnWriteAndLeavesTheErrorForFinishConnect() throws Exception {
        int listener = fds.listener();
        int port = fds.port(listener);
        fds.close(listener);
        int client = fds.connecting(port);
        kq.change(client, EVFILT_WRITE, EV_ADD, 0).apply();

        assertEquals(1, kq.kevent(1, 20 * SECOND));
        assertTrue((kq.events.flags(0) & EV_EOF) != 0, "EV_EOF");
        assertNotEquals(0, kq.events.fflags(0));
        assertEquals(111, fds.calls.pendingError(client), "SO_ERROR is still ECONNREFUSED (Linux 111)");
    }

    // -- errors and receipts --

    @Test
    void deletingAnEventThatDoesNotExistIsReportedAsEvErrorWithEnoent() {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_DELETE, 0x55);
        assertEquals(1, kq.poll());
        assertEquals(EV_ERROR, kq.events.flags(0) & EV_ERROR);
        assertEquals(ENOENT, kq.events.data(0));
        assertEquals(pair[0], kq.events.ident(0));
        assertEquals(0x55, kq.events.udata(0), "the failed change is returned as given");
    }

    @Test
    void aClosedDescriptorIsEbadfAndAnUnknownFilterIsEinval() {
        int[] pair = fds.socketpair();
        fds.close(pair[0]);
        kq.change(pair[0], EVFILT_READ, EV_ADD, 0);
        kq.change(pair[1], (short) -99, EV_ADD, 0);
        assertEquals(2, kq.poll());
        assertEquals(EBADF, kq.events.data(0));
        assertEquals(EINVAL, kq.events.data(1));
    }

    @Test
    void aFailureWithNoRoomToReportItFailsTheCallAndStopsLaterChanges() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD, 0)          // applied
                .change(pair[1], EVFILT_READ, EV_DELETE, 0) // fails: ENOENT
                .change(pair[1], EVFILT_WRITE, EV_ADD, 0);  // never reached
        assertEquals(-ENOENT, kq.kevent(0, 0));

        fds.write(pair[1], 1);
        assertEquals(1, kq.poll(), "the change before the failure took effect, the one after did not");
        assertEquals(EVFILT_READ, kq.events.filter(0));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void reportedErrorsEndTheCallWithoutWaiting() {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_DELETE, 0);
        assertEquals(1, kq.kevent(4, KqFixture.FOREVER), "returns at once although the timeout is NULL");
    }

    @Test
    void receiptReportsEachChangeWithEvErrorAndZeroDataAndDoesNotDrainEvents() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[1], EVFILT_WRITE, EV_ADD, 0).apply(); // ready at once
        kq.change(pair[0], EVFILT_READ, EV_ADD | EV_RECEIPT, 1)
                .change(pair[0], EVFILT_WRITE, EV_ADD | EV_RECEIPT, 2);
        assertEquals(2, kq.kevent(2, KqFixture.FOREVER));
        for (int i = 0; i < 2; i++) {
            assertEquals(EV_ERROR, kq.events.flags(i) & EV_ERROR);
            assertEquals(0, kq.events.data(i));
        }
        assertEquals(1, kq.events.udata(0));
        assertEquals(2, kq.events.udata(1));
        int n = kq.poll();
        assertTrue(kq.find(n, pair[1], EVFILT_WRITE) >= 0, "the ready event was left for the next call");
    }

    // -- EV_ONESHOT, EV_CLEAR, EV_DISPATCH, EV_ENABLE/EV_DISABLE --

    @Test
    void oneshotIsReportedOnceAndThenDeleted() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD | EV_ONESHOT, 0).apply();
        fds.write(pair[1], 1);
        assertEquals(1, kq.poll());
        assertTrue((kq.events.flags(0) & EV_ONESHOT) != 0, "the knote's flags are reported back");
        assertEquals(0, kq.poll(), "not reported again though still readable");
        kq.change(pair[0], EVFILT_READ, EV_DELETE, 0);
        assertEquals(1, kq.poll());
        assertEquals(ENOENT, kq.events.data(0), "it is gone");
    }

    @Test
    void clearReportsOnceUntilTheStateChangesAgain() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD | EV_CLEAR, 0).apply();
        fds.write(pair[1], 1);
        assertEquals(1, kq.poll());
        assertEquals(0, kq.poll(), "cleared although still readable");
        fds.write(pair[1], 1);
        assertEquals(1, kq.poll(), "new data fires it again");
        assertEquals(2, kq.events.data(0));
    }

    @Test
    void dispatchDisablesTheEventAfterEachReportAndEnableRearmsIt() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD | EV_DISPATCH, 0).apply();
        fds.write(pair[1], 1);
        assertEquals(1, kq.poll());
        assertEquals(0, kq.poll(), "disabled after the report");
        kq.change(pair[0], EVFILT_READ, EV_ENABLE, 0).apply();
        assertEquals(1, kq.poll(), "enabled again, and still readable");
        kq.change(pair[0], EVFILT_READ, EV_DELETE, 0).apply();
    }

    @Test
    void aDisabledEventIsKeptButNotReportedUntilEnabled() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD | EV_DISABLE, 0).apply();
        fds.write(pair[1], 1);
        assertEquals(0, kq.poll());
        kq.change(pair[0], EVFILT_READ, EV_ENABLE, 9);
        assertEquals(1, kq.poll());
        assertEquals(9, kq.events.udata(0), "the enabling change set udata");
    }

    @Test
    void addingAgainModifiesTheEventAndOverwritesUdata() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD, 1).apply();
        kq.change(pair[0], EVFILT_READ, EV_ADD, 2).apply();
        fds.write(pair[1], 1);
        assertEquals(1, kq.poll(), "one event, not a duplicate");
        assertEquals(2, kq.events.udata(0));
    }

    @Test
    void readAndWriteFiltersOfOneDescriptorAreSeparateEvents() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD | EV_CLEAR, 1)
                .change(pair[0], EVFILT_WRITE, EV_ADD | EV_ONESHOT, 2).apply();
        fds.write(pair[1], 1);
        int n = kq.poll();
        assertEquals(2, n);
        assertEquals(1, kq.events.udata(kq.find(n, pair[0], EVFILT_READ)));
        assertEquals(2, kq.events.udata(kq.find(n, pair[0], EVFILT_WRITE)));
        assertEquals(0, kq.poll(), "read was cleared, write was one-shot");
        fds.write(pair[1], 1);
        n = kq.poll();
        assertEquals(1, n);
        assertEquals(EVFILT_READ, kq.events.filter(0));
    }

    @Test
    void changesInOneCallAreAppliedInOrder() throws IOException {
        int[] pair = fds.socketpair();
        fds.write(pair[1], 1);
        kq.change(pair[0], EVFILT_READ, EV_ADD, 0).change(pair[0], EVFILT_READ, EV_DELETE, 0);
        assertEquals(0, kq.poll(), "added then deleted");
        kq.change(pair[0], EVFILT_READ, EV_DELETE | EV_RECEIPT, 0).change(pair[0], EVFILT_READ, EV_ADD, 3);
        assertEquals(1, kq.poll());
        assertEquals(ENOENT, kq.events.data(0), "the delete found nothing, as it came first");
        assertEquals(1, kq.poll());
        assertEquals(3, kq.events.udata(0), "and the add after it took effect");
    }

    @Test
    void eventsOfADescriptorClosedWithoutDeleteVanishAndItsNumberStartsAfresh() throws IOException {
        int[] first = fds.socketpair();
        kq.change(first[0], EVFILT_READ, EV_ADD, 1).apply();
        fds.write(first[1], 1);
        fds.close(first[0]);
        assertEquals(0, kq.poll(), "closing removed the event");

        int[] pipe = fds.pipe(); // takes the lowest free numbers, so first[0]'s number comes back
        int reused = pipe[0] == first[0] ? pipe[0] : pipe[1];
        Assumptions.assumeTrue(reused == first[0], "the kernel gave the number to something else meanwhile");
        kq.change(reused, EVFILT_READ, EV_DELETE, 0);
        assertEquals(1, kq.poll());
        assertEquals(ENOENT, kq.events.data(0), "the new file has no event");
    }

    @Test
    void moreReadyEventsThanRoomLeavesTheRestForTheNextCall() throws IOException {
        int[][] pairs = {fds.socketpair(), fds.socketpair(), fds.socketpair()};
        for (int[] pair : pairs) {
            kq.change(pair[0], EVFILT_READ, EV_ADD, 0);
            fds.write(pair[1], 1);
        }
        kq.apply();
        assertEquals(2, kq.kevent(2, 0));
        assertEquals(3, kq.poll(), "level-triggered: all three are still ready");
    }

    // -- EVFILT_USER --

    @Test
    void aUserEventIsReportedWhenTriggeredWithItsSavedFflagsAndData() {
        kq.change(42, user, EV_ADD, 0x11, 0, 5).apply();
        assertEquals(0, kq.poll(), "not triggered yet");
        kq.change(42, user, 0, NOTE_TRIGGER, 77, 5);
        assertEquals(1, kq.poll());
        assertEquals(42, kq.events.ident(0));
        assertEquals(user, kq.events.filter(0));
        assertEquals(0x11, kq.events.fflags(0));
        assertEquals(77, kq.events.data(0));
        assertEquals(5, kq.events.udata(0));
    }

    @Test
    void userFflagsFollowNoteFfandFforAndFfcopy() {
        kq.change(1, user, EV_ADD | EV_CLEAR, 0b1100, 0, 0).apply();
        kq.change(1, user, 0, NOTE_FFOR | NOTE_TRIGGER | 0b0011, 0, 0);
        assertEquals(1, kq.poll());
        assertEquals(0b1111, kq.events.fflags(0));
        kq.change(1, user, 0, NOTE_FFAND | NOTE_TRIGGER | 0b0110, 0, 0);
        assertEquals(1, kq.poll());
        assertEquals(0b0110, kq.events.fflags(0));
        kq.change(1, user, 0, NOTE_FFCOPY | NOTE_TRIGGER | 0b1000, 0, 0);
        assertEquals(1, kq.poll());
        assertEquals(0b1000, kq.events.fflags(0));
    }

    @Test
    void aUserEventStaysTriggeredUnlessItHasEvClear() {
        kq.change(1, user, EV_ADD, 0).change(2, user, EV_ADD | EV_CLEAR, 0).apply();
        kq.change(1, user, 0, NOTE_TRIGGER, 0, 0).change(2, user, 0, NOTE_TRIGGER, 0, 0);
        assertEquals(2, kq.poll());
        int n = kq.poll();
        assertEquals(1, n, "only the one without EV_CLEAR is still triggered");
        assertEquals(1, kq.events.ident(0));
    }

    @Test
    void aTriggerOverwritesUdataLikeAnyOtherChange() {
        kq.change(9, user, EV_ADD | EV_CLEAR, 100).apply();
        kq.change(9, user, 0, NOTE_TRIGGER, 0, 0);
        assertEquals(1, kq.poll());
        assertEquals(0, kq.events.udata(0), "the trigger carried udata 0, and it replaced 100");
    }

    @Test
    void aTriggerFromAnotherThreadWakesAnUnboundedWait() throws Exception {
        kq.change(3, user, EV_ADD | EV_CLEAR, 0).apply();
        KeventArray trigger = new KeventArray(layout, 1);
        trigger.put(0, 3, user, 0, NOTE_TRIGGER, 0, 0);
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            kq.sys.kevent(kq.kq, trigger.address(), 1, 0, 0, 0);
        });
        other.start();
        int n = kq.kevent(1, KqFixture.FOREVER);
        other.join();
        assertEquals(1, n);
        assertEquals(3, kq.events.ident(0));
    }

    // -- timeouts --

    @Test
    void aZeroTimeoutReturnsAtOnceAndAPositiveOneWaitsAtLeastThatLong() {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD, 0).apply();
        assertEquals(0, kq.kevent(1, 0));
        long start = System.nanoTime();
        assertEquals(0, kq.kevent(1, 50_000_000L));
        assertTrue(System.nanoTime() - start >= 50_000_000L, "waited the whole 50 ms");
        start = System.nanoTime();
        assertEquals(0, kq.kevent(1, 1_000L));
        assertTrue(System.nanoTime() - start >= 1_000L, "a 1 µs wait is rounded up, not down to zero");
    }

    @Test
    void waitingWithoutChangesReportsWhatIsReadyAndOtherwiseTimesOut() throws IOException {
        int[] pair = fds.socketpair();
        kq.change(pair[0], EVFILT_READ, EV_ADD, 0xbeefL).apply();
        assertEquals(0, kq.waitForEvents(kq.kq, 0), "nothing ready, a zero timeout");
        assertEquals(0, kq.waitForEvents(kq.kq, 10_000_000L), "nothing ready within 10 ms");

        fds.write(pair[1], 3);
        assertEquals(1, kq.waitForEvents(kq.kq, KqFixture.FOREVER));
        assertEquals(pair[0], kq.events.ident(0));
        assertEquals(3, kq.events.data(0));
        assertEquals(0xbeefL, kq.events.udata(0));
    }

    @Test
    void waitingWithoutChangesOnADescriptorThatIsNotAKqueueIsEbadf() {
        // The Panama binding makes this call without capturing errno and learns it by polling again;
        // the errno must survive that, whether the first call had a timeout or none.
        int[] pair = fds.socketpair();
        assertEquals(-EBADF, kq.waitForEvents(pair[0], KqFixture.FOREVER));
        assertEquals(-EBADF, kq.waitForEvents(pair[0], SECOND));
    }

    @Test
    void anInvalidTimespecIsEinval() {
        assertEquals(-EINVAL, kq.keventWithTimespec(0, SECOND));
        assertEquals(-EINVAL, kq.keventWithTimespec(-1, 0));
    }
}
