package dev.twine.backend.kqueue.shim;

import static dev.twine.nativeio.bsd.KqueueConstants.EV_ADD;
import static dev.twine.nativeio.bsd.KqueueConstants.NOTE_TRIGGER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.backend.kqueue.KqShim;
import dev.twine.nativeio.Platform;
import org.junit.jupiter.api.Test;

/**
 * Two libraries that both export {@code kqueue} and {@code kevent} can be bound in one JVM by
 * absolute path, each call reaching its own library: what lets the conformance suite run the
 * macOS-ABI and FreeBSD-ABI emulations side by side. Bound through the binding chosen for this JDK
 * ({@code Platform.kqueue}), so the JDK matrix shows it for jnr-ffi and for Panama.
 */
class BothAbisInOneJvmTest {

    @Test
    void eachBindingCallsTheLibraryItWasLoadedFrom() {
        ShimIntrospection darwin = ShimIntrospection.load(KqShim.library(KqShim.Abi.DARWIN));
        ShimIntrospection freebsd = ShimIntrospection.load(KqShim.library(KqShim.Abi.FREEBSD));
        assertEquals("darwin", darwin.kqshim_abi());
        assertEquals("freebsd", freebsd.kqshim_abi());
        assertEquals(32, darwin.kqshim_kevent_size());
        assertEquals(64, freebsd.kqshim_kevent_size());

        try (KqFixture d = new KqFixture(Platform.kqueue(KqShim.library(KqShim.Abi.DARWIN).toString()),
                KqShim.Abi.DARWIN.layout());
             KqFixture f = new KqFixture(Platform.kqueue(KqShim.library(KqShim.Abi.FREEBSD).toString()),
                     KqShim.Abi.FREEBSD.layout())) {
            // Each library accepts only its own EVFILT_USER number and stride, so a user event
            // round trip through both proves that kevent resolved to two different functions.
            d.change(1, d.layout.evfiltUser(), EV_ADD, NOTE_TRIGGER, 0, 10);
            f.change(1, f.layout.evfiltUser(), EV_ADD, NOTE_TRIGGER, 0, 20);
            assertEquals(1, d.poll());
            assertEquals(1, f.poll());
            assertEquals((short) -10, d.events.filter(0));
            assertEquals(10, d.events.udata(0));
            assertEquals((short) -11, f.events.filter(0));
            assertEquals(20, f.events.udata(0));
        }
    }
}
