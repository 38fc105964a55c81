package dev.twine.backend.kqueue;

import static dev.twine.nativeio.bsd.KqueueConstants.EV_ADD;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_CLEAR;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_ERROR;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_ONESHOT;
import static dev.twine.nativeio.bsd.KqueueConstants.NOTE_TRIGGER;

import dev.twine.nativeio.bsd.KeventArray;
import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.posix.DirectMemory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Registers a new kqueue's wake-up event and, in the same {@code kevent} call, proves that the
 * library speaks the {@link KeventLayout} the bindings claim. A wrong layout is caught here, loudly,
 * before any socket is watched, instead of as events for the wrong descriptor later.
 *
 * <p>The call submits four changes: {@code EV_ADD | EV_CLEAR} of the wake-up {@code EVFILT_USER}
 * event, {@code EV_ADD | EV_ONESHOT} of a probe event, and a {@code NOTE_TRIGGER} of each, then reads
 * back with a zero timeout. Exactly the two events must come back, each with its ident, the layout's
 * {@code EVFILT_USER} number and its udata. A library with another {@code EVFILT_USER} rejects the
 * changes ({@code EINVAL}); one with another stride reads the second change from the wrong offset
 * (an entry of zeros) and reports fewer events, or events in the wrong places. Afterwards the
 * wake-up event is registered, untriggered, and the probe is gone (one-shot).
 *
 * <p>The arrays used here are sized for {@value #LARGEST_KNOWN_STRIDE}-byte entries whatever the
 * claimed layout, so that a library with a larger stride than the claimed one still reads and writes
 * inside them: the check must not corrupt memory while proving the layout wrong.
 */
final class KqueueSelfCheck {

    /** Ident of the poller's wake-up event. Any value works for EVFILT_USER; this one reads "tw". */
    static final long WAKE_IDENT = 0x7477L;
    /** Udata of the wake-up event, passed on every change to it, since every change overwrites udata. */
    static final long WAKE_UDATA = 0x7477_696e_6557_414bL;

    private static final long PROBE_IDENT = 0x7478L;
    private static final long PROBE_UDATA = 0x7477_696e_6550_5242L;
    private static final int LARGEST_KNOWN_STRIDE = 64;
    private static final int ENTRIES = 4;

    private KqueueSelfCheck() {
    }

    /**
     * Registers the wake-up event on {@code kq} and verifies the layout.
     *
     * @throws IOException naming the library, the claimed ABI and what came back, if the round trip
     *                     does not match
     */
    static void registerWakeupAndVerify(KqueueBindings bindings, int kq) throws IOException {
        KeventLayout layout = bindings.layout();
        short user = layout.evfiltUser();
        int bytes = ENTRIES * LARGEST_KNOWN_STRIDE;
        KeventArray changes = new KeventArray(layout, ENTRIES, bytes);
        KeventArray events = new KeventArray(layout, ENTRIES, bytes);
        ByteBuffer zero = DirectMemory.allocate(16);
        changes.put(0, WAKE_IDENT, user, EV_ADD | EV_CLEAR, 0, 0, WAKE_UDATA);
        changes.put(1, PROBE_IDENT, user, EV_ADD | EV_ONESHOT, 0, 0, PROBE_UDATA);
        changes.put(2, WAKE_IDENT, user, 0, NOTE_TRIGGER, 0, WAKE_UDATA);
        changes.put(3, PROBE_IDENT, user, 0, NOTE_TRIGGER, 0, PROBE_UDATA);

        int n = bindings.kqueue().kevent(kq, changes.address(), ENTRIES, events.address(), ENTRIES,
                DirectMemory.address(zero));
        if (n < 0) {
            throw mismatch(bindings, "kevent failed with " + bindings.errno().name(-n)
                    + " when registering EVFILT_USER " + user);
        }
        boolean sawWake = false;
        boolean sawProbe = false;
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < n; i++) {
            long ident = events.ident(i);
            short filter = events.filter(i);
            int flags = events.flags(i);
            long udata = events.udata(i);
            got.append(String.format(" {ident=%#x filter=%d flags=%#x data=%d udata=%#x}",
                    ident, filter, flags, events.data(i), udata));
            if ((flags & EV_ERROR) != 0) {
                long error = events.data(i);
                throw mismatch(bindings, "EVFILT_USER " + filter + " was rejected with "
                        + bindings.errno().name((int) error) + " (errno " + error + ")");
            }
            if (filter == user && ident == WAKE_IDENT && udata == WAKE_UDATA) {
                sawWake = true;
            } else if (filter == user && ident == PROBE_IDENT && udata == PROBE_UDATA) {
                sawProbe = true;
            }
        }
        if (n != 2 || !sawWake || !sawProbe) {
            throw mismatch(bindings, "expected the two triggered EVFILT_USER events back, got " + n + ":" + got);
        }
    }

    private static IOException mismatch(KqueueBindings bindings, String detail) {
        return new IOException("kqueue self-check failed for " + bindings.config().describe() + ": " + detail
                + ". The library does not speak this kevent ABI; set -Dtwine.kqueue.abi to the one it"
                + " was built for (darwin, freebsd or libkqueue)");
    }
}
