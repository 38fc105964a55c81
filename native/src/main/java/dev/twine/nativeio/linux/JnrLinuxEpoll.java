package dev.twine.nativeio.linux;

import dev.twine.nativeio.posix.JnrPosixSockets;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;

/**
 * {@link LinuxEpoll} bound to glibc with jnr-ffi: primitives and {@code long} addresses only, so
 * each call takes jnr-ffi's assembler fast path; errno is saved by jffi and fetched only after a
 * {@code -1} (native.md §1.3). Stateless and thread-safe.
 */
public final class JnrLinuxEpoll implements LinuxEpoll {

    /** The C functions; public only because jnr-ffi implements it in another class loader. */
    public interface Native {
        @SaveError int epoll_create1(int flags);

        @SaveError int epoll_ctl(int epfd, int op, int fd, long event);

        @SaveError int epoll_wait(int epfd, long events, int maxEvents, int timeout);

        @IgnoreError int close(int fd);
    }

    private final Native libc;
    private final Runtime runtime;

    private JnrLinuxEpoll(Native libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** Binds the C library; see {@link JnrPosixSockets#loadLibC}. */
    public static JnrLinuxEpoll load() {
        return new JnrLinuxEpoll(JnrPosixSockets.loadLibC(Native.class));
    }

    @Override
    public int epollCreate1(int flags) {
        int fd = libc.epoll_create1(flags);
        return fd >= 0 ? fd : -runtime.getLastError();
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long eventAddress) {
        return libc.epoll_ctl(epfd, op, fd, eventAddress) == 0 ? 0 : -runtime.getLastError();
    }

    @Override
    public int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis) {
        int n = libc.epoll_wait(epfd, eventsAddress, maxEvents, timeoutMillis);
        return n >= 0 ? n : -runtime.getLastError();
    }

    @Override
    public int close(int fd) {
        return libc.close(fd);
    }
}
