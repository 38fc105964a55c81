package dev.twine.backend.epoll;

import dev.twine.nativeio.linux.EventFd;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.linux.LinuxEpoll;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SocketProvider;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The epoll backend: {@link EpollPoller} plus the POSIX socket handles, on Linux.
 *
 * <p>Selected as {@code -Dtwine.reactor=epoll}, and by default on Linux (priority 100, above the
 * portable select backend's 0). Availability is decided by doing, once, on first use: the OS must
 * be Linux, the jnr-ffi bindings must load, and an epoll instance and an eventfd must be created
 * (and are closed at once). The outcome, or the reason naming what failed, is cached.
 *
 * <p>The no-argument constructor is the one {@link java.util.ServiceLoader} uses and binds the real
 * C library. {@link #EpollBackend(LinuxBindings)} runs the same backend over other bindings, such
 * as the fault-injecting decorators of {@code dev.twine.nativeio.fault}, so a test can drive the
 * real reactor and real sockets through injected {@code EINTR}s and short writes.
 *
 * <p>Thread-safe and shareable between reactors: each reactor opens its own poller; the socket
 * provider is stateless apart from per-thread scratch memory.
 */
public final class EpollBackend implements ReactorBackend<PosixHandle> {

    private final Supplier<LinuxBindings> source;
    private volatile Probe probe;

    /** The backend over the real C library (the {@link java.util.ServiceLoader} constructor). */
    public EpollBackend() {
        this.source = LinuxBindings::load;
    }

    /** The backend over the given bindings, for example fault-injecting ones. */
    public EpollBackend(LinuxBindings bindings) {
        Objects.requireNonNull(bindings);
        this.source = () -> bindings;
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> unavailabilityReason() {
        return Optional.ofNullable(probe().reason);
    }

    /** The native binding in use and why (semantics.md §6.1). */
    @Override
    public String binding() {
        return NativeBindings.choice().describe();
    }

    /** The reason, when a binding forced with {@code -Dtwine.native} cannot load. */
    @Override
    public Optional<String> configurationError() {
        NativeBindings.Choice choice = NativeBindings.choice();
        return choice.binding() == null ? Optional.of(choice.reason()) : Optional.empty();
    }

    /** Shorthand for an empty {@link #unavailabilityReason()}. */
    public boolean isAvailable() {
        return probe().reason == null;
    }

    @Override
    public Class<PosixHandle> handleType() {
        return PosixHandle.class;
    }

    @Override
    public Poller<PosixHandle> openPoller() throws IOException {
        return EpollPoller.open(available().bindings);
    }

    @Override
    public SocketProvider sockets() {
        return available().sockets;
    }

    private Probe available() {
        Probe result = probe();
        if (result.reason != null) {
            throw new IllegalStateException("epoll backend unavailable: " + result.reason);
        }
        return result;
    }

    private Probe probe() {
        Probe result = probe;
        if (result == null) {
            synchronized (this) {
                result = probe;
                if (result == null) {
                    result = Probe.run(source);
                    probe = result;
                }
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "EpollBackend";
    }

    /** The cached outcome of trying epoll here: bindings and sockets, or why not. */
    private static final class Probe {
        final LinuxBindings bindings;
        final PosixSocketProvider sockets;
        final String reason;

        private Probe(LinuxBindings bindings, String reason) {
            this.bindings = bindings;
            this.sockets = bindings == null ? null : new PosixSocketProvider(bindings.socketCalls());
            this.reason = reason;
        }

        static Probe run(Supplier<LinuxBindings> source) {
            String os = System.getProperty("os.name", "unknown");
            if (!os.startsWith("Linux")) {
                return new Probe(null, "epoll needs Linux; this is " + os);
            }
            LinuxBindings bindings;
            try {
                bindings = source.get();
            } catch (RuntimeException | LinkageError e) {
                return new Probe(null, "cannot bind the C library: " + e);
            }
            int epfd = bindings.epoll().epollCreate1(LinuxEpoll.EPOLL_CLOEXEC);
            if (epfd < 0) {
                return new Probe(null, "epoll_create1 failed: " + describe(bindings, -epfd));
            }
            int efd = bindings.eventFd().eventfd(0, EventFd.EFD_CLOEXEC | EventFd.EFD_NONBLOCK);
            bindings.epoll().close(epfd);
            if (efd < 0) {
                return new Probe(null, "eventfd failed: " + describe(bindings, -efd));
            }
            bindings.eventFd().close(efd);
            return new Probe(bindings, null);
        }

        private static String describe(LinuxBindings bindings, int errno) {
            return bindings.errno().name(errno) + " (" + bindings.errno().message(errno) + ")";
        }
    }
}
