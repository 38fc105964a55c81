package dev.twine.backend.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.bsd.KqueueConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

/**
 * A kevent layout that does not match the library is caught at start-up, loudly, by the self-check,
 * never at the first event: the macOS layout against the FreeBSD build, the FreeBSD layout against
 * the macOS build, and libkqueue's layout (FreeBSD's EVFILT_USER, macOS's 32-byte stride) against
 * the FreeBSD build, where only the stride is wrong.
 */
class WrongLayoutTest {

    private static IOException openWith(KqShim.Abi library, KeventLayout claimed) {
        KqueueBindings bindings = KqueueBindings.load(KqueueConfig.library(KqShim.library(library).toString(), claimed));
        return assertThrows(IOException.class, () -> KqueuePoller.open(bindings).close());
    }

    private static void assertLoud(IOException e, KeventLayout claimed) {
        String message = e.getMessage();
        assertTrue(message.contains("self-check failed"), message);
        assertTrue(message.contains(claimed.describe()), "names the claimed ABI: " + message);
        assertTrue(message.contains("twine.kqueue.abi"), "says what to change: " + message);
    }

    @Test
    void theMacosLayoutAgainstTheFreeBsdBuildFailsTheSelfCheck() {
        IOException e = openWith(KqShim.Abi.FREEBSD, KeventLayout.DARWIN);
        assertLoud(e, KeventLayout.DARWIN);
    }

    @Test
    void theFreeBsdLayoutAgainstTheMacosBuildFailsTheSelfCheck() {
        assertLoud(openWith(KqShim.Abi.DARWIN, KeventLayout.FREEBSD), KeventLayout.FREEBSD);
    }

    @Test
    void aWrongStrideAloneIsCaughtToo() {
        // libkqueue's ABI has FreeBSD's EVFILT_USER (-11) but a 32-byte struct.
        assertLoud(openWith(KqShim.Abi.FREEBSD, KeventLayout.LIBKQUEUE), KeventLayout.LIBKQUEUE);
    }

    @Test
    void aBackendWithTheWrongLayoutIsUnavailableWithTheSelfChecksReason() {
        String library = KqShim.library(KqShim.Abi.FREEBSD).toString();
        KqueueBackend backend = new KqueueBackend("kqueue-mismatched", -1,
                () -> KqueueBindings.load(KqueueConfig.library(library, KeventLayout.DARWIN)));
        Optional<String> reason = backend.unavailabilityReason();
        assertTrue(reason.isPresent());
        assertTrue(reason.get().contains("self-check failed"), reason.get());
        IllegalStateException e = assertThrows(IllegalStateException.class, backend::sockets);
        assertTrue(e.getMessage().contains("kqueue-mismatched"), e.getMessage());
    }

    @Test
    void theMatchingLayoutPasses() throws IOException {
        for (KqShim.Abi abi : KqShim.Abi.values()) {
            KqueueBindings bindings = KqueueBindings.load(KqShim.config(abi));
            KqueuePoller.open(bindings).close();
            assertEquals(abi.layout(), bindings.layout());
        }
    }
}
