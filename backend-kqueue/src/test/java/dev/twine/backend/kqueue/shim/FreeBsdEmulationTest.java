package dev.twine.backend.kqueue.shim;

import static dev.twine.nativeio.bsd.KqueueConstants.EV_ADD;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_CLEAR;
import static dev.twine.nativeio.bsd.KqueueConstants.NOTE_TRIGGER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.backend.kqueue.KqShim;
import org.junit.jupiter.api.Test;

/**
 * The kqueue(2) rules against the emulation built with FreeBSD 12's ABI (64-byte kevent with
 * {@code ext[4]}, EVFILT_USER -11), plus the rules about {@code ext} that only this ABI has.
 */
class FreeBsdEmulationTest extends KqueueEmulationContract {
    @Override
    KqShim.Abi abi() {
        return KqShim.Abi.FREEBSD;
    }

    @Test
    void extTwoAndThreeArePassedThroughAndExtZeroAndOneComeBackZero() {
        kq.change(5, user, EV_ADD | EV_CLEAR, 0);
        kq.changes.ext(0, 0, 111);
        kq.changes.ext(0, 2, 0x2222L);
        kq.changes.ext(0, 3, -3L);
        kq.apply();
        kq.change(5, user, 0, NOTE_TRIGGER, 0, 0);
        kq.changes.ext(0, 2, 0x2222L);
        kq.changes.ext(0, 3, -3L);
        assertEquals(1, kq.poll());
        assertEquals(0, kq.events.ext(0, 0));
        assertEquals(0, kq.events.ext(0, 1));
        assertEquals(0x2222L, kq.events.ext(0, 2));
        assertEquals(-3L, kq.events.ext(0, 3));
    }
}
