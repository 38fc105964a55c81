package dev.twine.backend.kqueue;

import static dev.twine.spi.Poller.ERROR;
import static dev.twine.spi.Poller.READ;
import static dev.twine.spi.Poller.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.SocketError;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.LoopbackSockets;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link KqueuePoller}'s own mechanism, against the project's kqueue emulation in both kevent ABIs: the
 * change list that rides in the waiting {@code kevent}, its flushes, and how change errors come back. What
 * every poller must do is the poller contract kit in reactor-tck, which runs on kqueue too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KqueueChangeListTest {

    private KqueueBindings bindings;
    private ScriptedKqueue sys;
    private KqueuePoller poller;
    private LoopbackSockets<PosixStreamSocket, PosixListeningSocket> sockets;

    /** Opens the poller over the scripted kqueue of {@code abi}, and the sockets it watches. */
    private void open(KqShim.Abi abi) throws IOException {
        KqueueBindings real = KqueueBindings.load(KqShim.config(abi));
        sys = new ScriptedKqueue(real.kqueue());
        bindings = real.withKqueue(sys);
        poller = KqueuePoller.open(bindings);
        sockets = LoopbackSockets.over(new PosixSocketProvider(bindings.socketCalls()),
                PosixStreamSocket.class, PosixListeningSocket.class);
    }

    /** {@link #open}, then a connected pair, with [1] registered under token 1 for {@code ops}. */
    private PosixStreamSocket[] openWithRegisteredPair(KqShim.Abi abi, int ops) throws IOException {
        open(abi);
        PosixStreamSocket[] pair = sockets.pair();
        poller.register(pair[1], 1, ops);
        return pair;
    }

    @AfterEach
    void close() throws IOException {
        if (poller != null) {
            poller.close();
        }
        if (sockets != null) {
            sockets.close();
        }
    }

    /** One poll's reports by token. */
    private Map<Long, Integer> poll(long timeoutNanos) throws IOException {
        Map<Long, Integer> reports = new LinkedHashMap<>();
        poller.poll(timeoutNanos, (token, ops, error) -> assertNull(reports.put(token, ops)));
        return reports;
    }

    @ParameterizedTest
    @EnumSource(KqShim.Abi.class)
    void interestChangesRideInTheCallThatWaits(KqShim.Abi abi) throws Exception {
        open(abi);
        PosixStreamSocket[] pair = sockets.pair();
        int before = sys.keventCalls;
        poller.register(pair[0], 0, WRITE);
        poller.register(pair[1], 1, READ | WRITE);
        assertEquals(before, sys.keventCalls, "no system call until the poll");
        Map<Long, Integer> reports = poll(100_000_000L);
        assertEquals(before + 1, sys.keventCalls, "one kevent applied three changes and waited");
        assertEquals(2, reports.size(), "both writable, in one report each: " + reports);
    }

    @ParameterizedTest
    @EnumSource(KqShim.Abi.class)
    void onlyTheFilterThatChangedIsSubmitted(KqShim.Abi abi) throws Exception {
        PosixStreamSocket[] pair = openWithRegisteredPair(abi, READ);
        poll(0);
        int changes = sys.changesSubmitted;
        poller.reregister(pair[1], 1, READ, READ | WRITE);
        poll(0);
        assertEquals(changes + 1, sys.changesSubmitted, "the write filter only");
    }

    @ParameterizedTest
    @EnumSource(KqShim.Abi.class)
    void deregistrationReachesTheKernelBeforeItReturnsSoTheHandleCanBeClosed(KqShim.Abi abi) throws Exception {
        PosixStreamSocket[] pair = openWithRegisteredPair(abi, READ | WRITE);
        poll(100_000_000L);
        int before = sys.keventCalls;
        poller.deregister(pair[1], READ | WRITE);
        assertEquals(before + 1, sys.keventCalls, "EV_DELETE submitted at once");
        pair[1].close();
        pair[0].write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        assertTrue(poll(100_000_000L).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(KqShim.Abi.class)
    void moreChangesThanTheChangeListHoldsAreAllApplied(KqShim.Abi abi) throws Exception {
        open(abi);
        int pairs = KqueuePoller.CHANGES / 2 + 8;
        for (int i = 0; i < pairs; i++) {
            poller.register(sockets.pair()[0], i, READ | WRITE);
        }
        Map<Long, Integer> union = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        while (union.size() < pairs && System.nanoTime() < deadline) {
            union.putAll(poll(100_000_000L));
        }
        assertEquals(pairs, union.size(), "every handle's write readiness arrived");
    }

    @ParameterizedTest
    @EnumSource(KqShim.Abi.class)
    void aSignalDuringTheWaitIsAnEmptyPollAndTheChangesStillApply(KqShim.Abi abi) throws Exception {
        openWithRegisteredPair(abi, WRITE);
        sys.failNextWait(bindings.errno().number("EINTR"));
        assertTrue(poll(-1).isEmpty());
        assertEquals(WRITE, poll(0).get(1L), "the add went in with the interrupted call");
    }

    @ParameterizedTest
    @EnumSource(KqShim.Abi.class)
    void anAddTheKernelRejectsIsReportedOnceAsErrorNamingTheError(KqShim.Abi abi) throws Exception {
        open(abi);
        // A descriptor number far above anything open, as if the descriptor had been closed behind the
        // reactor's back: EV_ADD fails with EBADF.
        PosixHandle stale = new PosixHandle(bindings.socketCalls(), 4000) {
            @Override
            public void close() {
                // Never close a number this test does not own.
            }
        };
        poller.register(stale, 7, READ);
        SocketError[] error = {null};
        int[] ops = {0};
        poller.poll(0, (token, bits, e) -> {
            assertEquals(7L, token);
            ops[0] = bits;
            error[0] = e;
        });
        assertEquals(ERROR, ops[0]);
        assertEquals(SocketError.EBADF, error[0]);
        assertTrue(poll(0).isEmpty(), "reported once");
        poller.deregister(stale, 0);
    }

    @ParameterizedTest
    @EnumSource(KqShim.Abi.class)
    void aFailedDeleteOfAnEventTheKernelDroppedIsIgnored(KqShim.Abi abi) throws Exception {
        PosixStreamSocket[] pair = openWithRegisteredPair(abi, READ);
        poll(0);
        // Both filters are deleted, though only READ was added: the WRITE delete fails with ENOENT.
        poller.deregister(pair[1], READ | WRITE);
        assertTrue(poll(0).isEmpty());
    }
}
