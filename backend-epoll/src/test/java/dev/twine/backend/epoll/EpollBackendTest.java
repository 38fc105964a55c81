package dev.twine.backend.epoll;

import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SocketProvider;
import dev.twine.testfixtures.LoopbackSockets;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EpollBackend}: discovery, the availability probe, and its poller and sockets together. */
class EpollBackendTest {

    @Test
    void serviceLoaderFindsTheBackendByName() {
        List<ReactorBackend> epoll = ServiceLoader.load(ReactorBackend.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(backend -> backend.name().equals("epoll"))
                .collect(Collectors.toList());
        assertEquals(1, epoll.size());
        assertInstanceOf(EpollBackend.class, epoll.get(0));
    }

    @Test
    void onLinuxTheBackendIsAvailableWithTheNativePriority() {
        Platform.assumeLinux();
        EpollBackend backend = new EpollBackend();
        assertEquals(Optional.empty(), backend.unavailabilityReason());
        assertTrue(backend.isAvailable());
        assertEquals(100, backend.priority());
        assertEquals("epoll", backend.name());
    }

    @Test
    void theProbeRunsOnceAndTheSocketProviderIsShared() {
        Platform.assumeLinux();
        LinuxBindings real = LinuxBindings.load();
        CountingCreates creates = new CountingCreates(real.epoll());
        EpollBackend backend = new EpollBackend(real.withEpoll(creates));
        backend.unavailabilityReason();
        backend.unavailabilityReason();
        assertEquals(1, creates.count, "probe cached");
        SocketProvider first = backend.sockets();
        assertSame(first, backend.sockets());
    }

    @Test
    void aFailingProbeNamesTheCallAndTheError() {
        Platform.assumeLinux();
        LinuxBindings real = LinuxBindings.load();
        LinuxEpoll noEpoll = new CountingCreates(real.epoll()) {
            @Override
            public int epollCreate1(int flags) {
                return -real.errno().number("ENOSYS");
            }
        };
        EpollBackend backend = new EpollBackend(real.withEpoll(noEpoll));
        assertEquals(Optional.of("epoll_create1 failed: ENOSYS (Function not implemented)"),
                backend.unavailabilityReason());
        assertFalse(backend.isAvailable());
        IllegalStateException refused = assertThrows(IllegalStateException.class, backend::openPoller);
        assertTrue(refused.getMessage().contains("ENOSYS"), refused.getMessage());
    }

    @Test
    void pollerAndSocketsFromTheBackendWorkTogether() throws IOException {
        Platform.assumeLinux();
        EpollBackend backend = new EpollBackend();
        try (Poller<PosixHandle> poller = backend.openPoller();
             LoopbackSockets<PosixStreamSocket, PosixListeningSocket> sockets = LoopbackSockets.over(
                     backend.sockets(), PosixStreamSocket.class, PosixListeningSocket.class)) {
            PosixListeningSocket listener = sockets.listen();
            poller.register(listener, Readiness.token(listener), Poller.READ);
            PosixStreamSocket client = sockets.open();
            client.connect(listener.localAddress());
            Readiness.awaitReady(poller, listener);
            PosixStreamSocket server = sockets.track(listener.accept());
            poller.register(server, Readiness.token(server), Poller.READ);
            client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(Poller.READ, Readiness.awaitReady(poller, server));
            ByteBuffer got = ByteBuffer.allocate(3);
            assertEquals(3, server.read(got));
            poller.deregister(server, Poller.READ);
            poller.deregister(listener, Poller.READ);
        }
    }

    /** Counts epoll_create1 calls; everything else goes to the real calls. */
    private static class CountingCreates implements LinuxEpoll {
        private final LinuxEpoll real;
        int count;

        CountingCreates(LinuxEpoll real) {
            this.real = real;
        }

        @Override
        public int epollCreate1(int flags) {
            count++;
            return real.epollCreate1(flags);
        }

        @Override
        public int epollCtl(int epfd, int op, int fd, long eventAddress) {
            return real.epollCtl(epfd, op, fd, eventAddress);
        }

        @Override
        public int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis) {
            return real.epollWait(epfd, eventsAddress, maxEvents, timeoutMillis);
        }

        @Override
        public int close(int fd) {
            return real.close(fd);
        }
    }
}
