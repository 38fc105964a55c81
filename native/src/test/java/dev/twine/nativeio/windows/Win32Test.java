package dev.twine.nativeio.windows;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bindings load on Windows and explain themselves elsewhere. */
class Win32Test {

    @Test
    void offWindowsTheBindingsAreUnavailableWithAReasonNamingTheOs() {
        if (Win32.isWindows()) {
            return; // the other test covers Windows
        }
        String reason = Win32.unavailabilityReason().orElseThrow();
        assertTrue(reason.contains(System.getProperty("os.name")), reason);
        IllegalStateException e = assertThrows(IllegalStateException.class, Win32::get);
        assertTrue(e.getMessage().contains("Windows"), e.getMessage());
    }

    @Test
    void onWindowsTheBindingsLoadAndWinsockIsStarted() throws Exception {
        if (!Win32.isWindows()) {
            return; // the other test covers the rest
        }
        assertFalse(Win32.unavailabilityReason().isPresent(), () -> Win32.unavailabilityReason().get());
        WinsockCalls calls = new WinsockCalls(Win32.get());
        long s = calls.openStream(WinLayout.AF_INET);
        assertTrue(s != WinLayout.INVALID_SOCKET);
        calls.close(s);
    }
}
