package dev.twine.backend.iocp;

import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.windows.Win32;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend's identity, registration and availability rules. */
class IocpBackendTest {

    @Test
    void isRegisteredAsAServiceNamedIocp() {
        boolean found = ServiceLoader.load(ReactorBackend.class).stream()
                .anyMatch(p -> p.type() == IocpBackend.class && p.get().name().equals("iocp"));
        assertTrue(found);
    }

    @Test
    void ranksAboveSelectSoThatItIsTheWindowsDefault() {
        assertTrue(new IocpBackend().priority() > 0, "select's priority is 0");
    }

    @Test
    void offWindowsItIsUnavailableWithAReasonAndRefusesToOpen() {
        if (Win32.isWindows()) {
            return;
        }
        IocpBackend b = new IocpBackend();
        String reason = b.unavailabilityReason().orElseThrow();
        assertTrue(reason.contains("Windows"), reason);
        assertThrows(IllegalStateException.class, b::openPoller);
        assertThrows(IllegalStateException.class, b::sockets);
    }

    @Test
    void onWindowsItIsAvailableAndOpensAPoller() throws Exception {
        if (!Win32.isWindows()) {
            return;
        }
        IocpBackend b = new IocpBackend();
        assertFalse(b.unavailabilityReason().isPresent(), () -> b.unavailabilityReason().get());
        try (Poller<WinsockHandle> p = b.openPoller()) {
            assertEquals(0, p.poll(0, (token, ops, error) -> { }));
        }
    }

    /** The Windows calls follow the JVM's one binding choice (semantics.md §6.1), like epoll's and kqueue's. */
    @Test
    void reportsTheBindingTheJvmChoseAndNoConfigurationErrorWhenItLoaded() {
        IocpBackend b = new IocpBackend();
        NativeBindings.Choice choice = NativeBindings.choice();
        assertTrue(b.binding().startsWith(choice.name() + ": "), b.binding());
        assertEquals(choice.binding() == null, b.configurationError().isPresent());
    }

    @Test
    void timeoutsAreRoundedUpToWholeMilliseconds() {
        assertEquals(0, IocpPoller.millis(0));
        assertEquals(1, IocpPoller.millis(1));
        assertEquals(1, IocpPoller.millis(1_000_000));
        assertEquals(2, IocpPoller.millis(1_000_001));
        assertEquals(-1, IocpPoller.millis(-5)); // INFINITE
        assertEquals(Integer.MAX_VALUE, IocpPoller.millis(Long.MAX_VALUE));
    }
}
