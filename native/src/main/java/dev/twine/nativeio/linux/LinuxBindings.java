package dev.twine.nativeio.linux;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.posix.SocketAbi;
import dev.twine.nativeio.posix.SocketCalls;

/**
 * Everything a Linux backend needs from the OS, in one value: the three call interfaces and the
 * tables that go with them.
 *
 * <p>{@link #load()} gives the bindings {@link Platform} chooses. Tests replace a call interface with a
 * decorator (the fault-injecting ones of native's test fixtures) through the {@code with...} methods and
 * hand the result to the backend, which then runs unchanged over the faulty calls.
 *
 * @param sockets     socket system calls
 * @param epoll       epoll system calls
 * @param eventFd     eventfd calls
 * @param socketAbi   socket constants and layouts
 * @param eventLayout {@code struct epoll_event} layout
 * @param errno       errno names, with {@code sockets}' {@code strerror} texts
 */
public record LinuxBindings(PosixSockets sockets, LinuxEpoll epoll, EventFd eventFd,
                            SocketAbi socketAbi, EpollEvent eventLayout, ErrnoTable errno) {

    /**
     * Binds the C library for this JVM's architecture.
     *
     * @throws UnsupportedOperationException on an architecture without tables, or 32-bit
     * @throws LinkageError if the binding's native support cannot be loaded
     */
    public static LinuxBindings load() {
        PosixSockets sockets = Platform.posixSockets();
        return new LinuxBindings(sockets, Platform.linuxEpoll(), Platform.eventFd(),
                Platform.LINUX.socketAbi(), EpollEvent.current(), Platform.LINUX.errno().withMessages(sockets::strerror));
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
