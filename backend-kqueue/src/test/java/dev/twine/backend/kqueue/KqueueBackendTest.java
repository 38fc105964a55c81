package dev.twine.backend.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.LoopbackSockets;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.ServiceLoader;

/** Registration, selection data and availability of the {@code kqueue} backend. */
class KqueueBackendTest {

    @Test
    void theBackendIsRegisteredUnderTheNameKqueue() {
        boolean found = ServiceLoader.load(ReactorBackend.class).stream()
                .map(ServiceLoader.Provider::get)
                .anyMatch(b -> b instanceof KqueueBackend && b.name().equals("kqueue"));
        assertTrue(found);
    }

    @Test
    void withoutAKqueueLibraryLinuxSaysWhyKqueueIsUnavailable() {
        Platform.assumeLinux();
        Assumptions.assumeTrue(System.getProperty("twine.kqueue.library") == null
                && System.getenv("TWINE_KQUEUE_LIBRARY") == null, "no kqueue library configured");
        KqueueBackend backend = new KqueueBackend();
        Optional<String> reason = backend.unavailabilityReason();
        assertTrue(reason.isPresent());
        assertTrue(reason.get().contains("macOS and FreeBSD"), reason.get());
        assertTrue(reason.get().contains("twine.kqueue.library"), reason.get());
        assertEquals(KqueueBackend.EMULATION_PRIORITY, backend.priority(), "never outranks epoll here");
    }

    @Test
    void anEmulationBackendIsAvailableAndItsPollersAndSocketsWork() throws Exception {
        KqueueBackend backend = new KqueueBackend("kqueue-test", -1,
                () -> KqueueBindings.load(KqShim.config(KqShim.Abi.FREEBSD)));
        assertEquals(Optional.empty(), backend.unavailabilityReason());
        try (Poller poller = backend.openPoller();
             LoopbackSockets<PosixStreamSocket, PosixListeningSocket> sockets = LoopbackSockets.over(
                     backend.sockets(), PosixStreamSocket.class, PosixListeningSocket.class)) {
            var pair = sockets.pair();
            poller.register(pair[0], 0, Poller.WRITE);
            int[] got = {0};
            long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
            while (got[0] == 0 && System.nanoTime() < deadline) {
                poller.poll(100_000_000L, (token, ops, error) -> got[0] = ops);
            }
            assertEquals(Poller.WRITE, got[0]);
            poller.deregister(pair[0], Poller.WRITE);
        }
    }
}
