package dev.twine.nativeio.bsd;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.posix.SocketAbi;
import dev.twine.nativeio.posix.SocketCalls;

/**
 * Everything a kqueue backend needs from the OS, in one value: the socket and kqueue calls and the
 * tables that go with them.
 *
 * <p>Two things are chosen independently. The <em>kevent ABI</em> ({@link KeventLayout}) belongs
 * to the kqueue library. The <em>socket tables and errno</em> belong to the kernel underneath,
 * whatever library sits on top: on macOS and FreeBSD they are that system's; a kqueue emulation on
 * Linux (libkqueue, the test shim) speaks a BSD kevent ABI over Linux sockets, with Linux errno
 * values. {@link #load} takes the first from the {@link KqueueConfig} and the second from
 * {@link Platform#current()}.
 *
 * @param sockets   socket system calls
 * @param kqueue    kqueue system calls
 * @param socketAbi socket constants and layouts of the running system
 * @param layout    the kevent ABI of {@code kqueue}
 * @param errno     errno names of the running system
 * @param config    what was loaded, for messages
 */
public record KqueueBindings(PosixSockets sockets, Kqueue kqueue, SocketAbi socketAbi, KeventLayout layout,
                             ErrnoTable errno, KqueueConfig config) {

    /**
     * Binds the socket calls and the configured kqueue library with jnr-ffi.
     *
     * @throws UnsupportedOperationException on a system without socket tables here
     * @throws UnsatisfiedLinkError if the kqueue library or its symbols cannot be found
     */
    public static KqueueBindings load(KqueueConfig config) {
        Platform platform = Platform.current();
        PosixSockets sockets = Platform.posixSockets();
        return new KqueueBindings(sockets, Platform.kqueue(config.library()), platform.socketAbi(), config.layout(),
                platform.errno().withMessages(sockets::strerror), config);
    }

    /** The same bindings with other kqueue calls (a fault-injecting decorator, in tests). */
    public KqueueBindings withKqueue(Kqueue replacement) {
        return new KqueueBindings(sockets, replacement, socketAbi, layout, errno, config);
    }

    /** The socket calls with their error policy, ready for a {@code PosixSocketProvider}. */
    public SocketCalls socketCalls() {
        return new SocketCalls(sockets, socketAbi, errno);
    }
}
