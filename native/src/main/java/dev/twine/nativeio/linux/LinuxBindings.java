package dev.twine.nativeio.linux;

import dev.twine.nativeio.binding.NativeBinding;
import dev.twine.nativeio.binding.NativeBindings;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.posix.SocketAbi;
import dev.twine.nativeio.posix.SocketCalls;

/**
 * Everything a Linux backend needs from the OS, in one value: the three call interfaces and the
 * tables that go with them.
 *
 * <p>{@link #load()} gives the real jnr-ffi bindings. Tests replace any of the call interfaces with
 * a decorator (see {@code dev.twine.nativeio.fault.FaultInjection}) through the {@code with...}
 * methods and hand the result to the backend, which then runs unchanged over the faulty calls.
 *
 * @param sockets     socket system calls
 * @param epoll       epoll system calls
 * @param eventFd     eventfd calls
 * @param socketAbi   socket constants and layouts
 * @param eventLayout {@code struct epoll_event} layout
 * @param errno       errno names
 */
public record LinuxBindings(PosixSockets sockets, LinuxEpoll epoll, EventFd eventFd,
                            SocketAbi socketAbi, EpollEvent eventLayout, ErrnoTable errno) {

    /**
     * Binds the C library for this JVM's architecture, through the binding
     * {@link NativeBindings#current()} chose (Panama on JDK 22+, jnr-ffi otherwise).
     *
     * @throws IllegalStateException if the binding forced by {@code -Dtwine.native} cannot load
     * @throws UnsupportedOperationException on an architecture without tables, or 32-bit
     * @throws LinkageError if jffi's JNI library cannot be loaded
     */
    public static LinuxBindings load() {
        NativeBinding binding = NativeBindings.current();
        return new LinuxBindings(binding.posixSockets(), binding.linuxEpoll(), binding.eventFd(),
                LinuxSocketAbi.current(), EpollEvent.current(), LinuxErrno.TABLE);
    }

    /** The same bindings with other socket calls. */
    public LinuxBindings withSockets(PosixSockets replacement) {
        return new LinuxBindings(replacement, epoll, eventFd, socketAbi, eventLayout, errno);
    }

    /** The same bindings with other epoll calls. */
    public LinuxBindings withEpoll(LinuxEpoll replacement) {
        return new LinuxBindings(sockets, replacement, eventFd, socketAbi, eventLayout, errno);
    }

    /** The socket calls with their error policy, ready for a {@code PosixSocketProvider}. */
    public SocketCalls socketCalls() {
        return new SocketCalls(sockets, socketAbi, errno);
    }
}
