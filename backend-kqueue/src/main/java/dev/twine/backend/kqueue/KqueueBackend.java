package dev.twine.backend.kqueue;

import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.bsd.KqueueConfig;
import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SocketProvider;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The {@code kqueue} backend: {@link KqueuePoller} over POSIX sockets, for macOS and FreeBSD.
 *
 * <p>The no-argument constructor (the one {@link java.util.ServiceLoader} uses) reads
 * {@link KqueueConfig#fromEnvironment()}: the C library's own {@code kevent} on macOS and FreeBSD,
 * where its priority is 100, the OS's native poller; elsewhere it is unavailable, with the reason,
 * unless {@code twine.kqueue.library} and {@code twine.kqueue.abi} name a kqueue library (libkqueue,
 * or the project's test emulation), in which case its priority is 10, so an emulation is used only
 * when asked for by name and never outranks epoll.
 *
 * <p>Availability is decided by doing, once: the bindings are loaded and a poller is opened, which
 * runs the {@link KqueueSelfCheck} layout round trip, and closed. The answer is cached; a library
 * that speaks another kevent ABI makes the backend unavailable with the self-check's message, and
 * {@link #openPoller()} then throws it.
 *
 * <p>Thread-safe; the probe is synchronized and runs at most once.
 */
public final class KqueueBackend implements ReactorBackend<PosixHandle> {

    /** Priority on macOS and FreeBSD, where kqueue is the native poller. */
    public static final int NATIVE_PRIORITY = 100;
    /** Priority of a kqueue emulation named by system property: above select, below any native poller. */
    public static final int EMULATION_PRIORITY = 10;

    private final String name;
    private final int priority;
    private final Callable<KqueueBindings> loader;

    private boolean probed;
    private String unavailable;
    private KqueueBindings bindings;
    private SocketProvider sockets;

    /** The backend ServiceLoader finds: configured from system properties; see the class comment. */
    public KqueueBackend() {
        this("kqueue", defaultPriority(), () -> KqueueBindings.load(KqueueConfig.fromEnvironment()));
    }

    /**
     * A kqueue backend over bindings obtained by {@code loader} when availability is first asked for:
     * how tests register the emulation in each ABI under their own names.
     *
     * @param name     the name users select it by
     * @param priority its priority among available backends
     * @param loader   loads the bindings; an exception makes the backend unavailable with its message
     */
    public KqueueBackend(String name, int priority, Callable<KqueueBindings> loader) {
        this.name = Objects.requireNonNull(name);
        this.priority = priority;
        this.loader = Objects.requireNonNull(loader);
    }

    private static int defaultPriority() {
        String library = System.getProperty(KqueueConfig.LIBRARY_PROPERTY);
        boolean system = KeventLayout.forOperatingSystem(System.getProperty("os.name", "")) != null;
        return system && (library == null || library.isBlank()) ? NATIVE_PRIORITY : EMULATION_PRIORITY;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public synchronized Optional<String> unavailabilityReason() {
        if (!probed) {
            probed = true;
            unavailable = probe();
        }
        return Optional.ofNullable(unavailable);
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

    /** Loads the bindings and opens and closes a poller; returns why that failed, or null. */
    private String probe() {
        KqueueBindings loaded;
        try {
            loaded = loader.call();
        } catch (UnsupportedOperationException e) {
            return e.getMessage();
        } catch (Exception | LinkageError e) {
            return "cannot load kqueue: " + e;
        }
        try {
            KqueuePoller.open(loaded).close();
        } catch (IOException | RuntimeException | LinkageError e) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
        bindings = loaded;
        sockets = new PosixSocketProvider(loaded.socketCalls());
        return null;
    }

    @Override
    public Class<PosixHandle> handleType() {
        return PosixHandle.class;
    }

    @Override
    public Poller<PosixHandle> openPoller() throws IOException {
        return KqueuePoller.open(requireAvailable());
    }

    @Override
    public SocketProvider sockets() {
        requireAvailable();
        return sockets;
    }

    private synchronized KqueueBindings requireAvailable() {
        Optional<String> reason = unavailabilityReason();
        if (reason.isPresent()) {
            throw new IllegalStateException("the " + name + " backend is unavailable: " + reason.get());
        }
        return bindings;
    }

    @Override
    public String toString() {
        return "KqueueBackend[" + name + (bindings != null ? ", " + bindings.config().describe() : "") + "]";
    }
}
