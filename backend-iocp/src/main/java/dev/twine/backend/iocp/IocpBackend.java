package dev.twine.backend.iocp;

import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.windows.Afd;
import dev.twine.nativeio.windows.CompletionPort;
import dev.twine.nativeio.windows.Win32;
import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SocketProvider;

import java.io.IOException;
import java.util.Optional;

/**
 * The {@code iocp} backend: a completion port with {@code IOCTL_AFD_POLL} readiness ({@link IocpPoller}) and
 * non-blocking Winsock sockets. Windows only.
 *
 * <p>The calls go through the JVM's one native binding ({@link NativeBindings}, semantics.md §6.1): Panama
 * on JDK 22+, jnr-ffi otherwise, or the one forced with {@code -Dtwine.native}, which {@link Win32} asks for.
 *
 * <p>Availability is decided by doing, once per process: bind kernel32, ntdll and ws2_32, start Winsock,
 * create a completion port and open an AFD helper handle on it, then close both. Anything failing makes
 * the backend unavailable with that reason (for example "the IOCP bindings need Windows; this is Linux").
 *
 * <p>Priority is {@value #PRIORITY}, above {@code select} (0): it is the Windows default, because it passes
 * the whole conformance suite (on a Windows JVM under Wine; see {@code backend-iocp/README.md}), and
 * {@code -Dtwine.reactor=select} still gives the JDK selector to a program that wants it. Stateless apart from the cached probe; safe to share between reactors.
 */
public final class IocpBackend implements ReactorBackend<WinsockHandle> {

    /** The Windows default, like epoll on Linux; see the class comment. */
    static final int PRIORITY = 100;

    private static final class Probe {
        static final String FAILURE = probe();
        static final WinsockSocketProvider SOCKETS =
                FAILURE == null ? new WinsockSocketProvider(new WinsockCalls(Win32.get())) : null;

        private static String probe() {
            Optional<String> unavailable = Win32.unavailabilityReason();
            if (unavailable.isPresent()) {
                return unavailable.get();
            }
            try (CompletionPort port = CompletionPort.create(Win32.get(), 1)) {
                long afd = Afd.openHelper(Win32.get(), port, 1);
                Win32.get().kernel32().CloseHandle(afd);
                return null;
            } catch (IOException | RuntimeException e) {
                return "the IOCP backend cannot open an AFD helper on a completion port: " + e.getMessage();
            }
        }
    }

    @Override
    public String name() {
        return "iocp";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** The native binding in use and why (semantics.md §6.1). */
    @Override
    public String binding() {
        return NativeBindings.choice().describe();
    }

    /**
     * The reason, when a binding forced with {@code -Dtwine.native} cannot load: as for epoll and kqueue,
     * that is a setting the user got wrong, reported on every OS, not a plain "unavailable here".
     */
    @Override
    public Optional<String> configurationError() {
        NativeBindings.Choice choice = NativeBindings.choice();
        return choice.binding() == null ? Optional.of(choice.reason()) : Optional.empty();
    }

    @Override
    public Optional<String> unavailabilityReason() {
        return Optional.ofNullable(Probe.FAILURE);
    }

    @Override
    public Class<WinsockHandle> handleType() {
        return WinsockHandle.class;
    }

    @Override
    public Poller<WinsockHandle> openPoller() throws IOException {
        checkAvailable();
        return new IocpPoller(Win32.get());
    }

    @Override
    public SocketProvider sockets() {
        checkAvailable();
        return Probe.SOCKETS;
    }

    private static void checkAvailable() {
        if (Probe.FAILURE != null) {
            throw new IllegalStateException("the iocp backend is unavailable: " + Probe.FAILURE);
        }
    }
}
