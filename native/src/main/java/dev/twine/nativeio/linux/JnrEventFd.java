package dev.twine.nativeio.linux;

import dev.twine.nativeio.posix.JnrPosixSockets;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;

/**
 * {@link EventFd} bound to glibc with jnr-ffi. {@code eventfd_write} takes the value itself rather
 * than a buffer, so a wake-up passes two integers and touches no memory; it is
 * {@code @IgnoreError} because its only possible failure needs no handling (see
 * {@link EventFd#write}). Stateless and thread-safe.
 */
public final class JnrEventFd implements EventFd {

    /** The C functions; public only because jnr-ffi implements it in another class loader. */
    public interface Native {
        @SaveError int eventfd(int initialValue, int flags);

        @IgnoreError int eventfd_write(int fd, long value);

        @IgnoreError int close(int fd);
    }

    private final Native libc;
    private final Runtime runtime;

    private JnrEventFd(Native libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** Binds the C library; see {@link JnrPosixSockets#loadLibC}. */
    public static JnrEventFd load() {
        return new JnrEventFd(JnrPosixSockets.loadLibC(Native.class));
    }

    @Override
    public int eventfd(int initialValue, int flags) {
        int fd = libc.eventfd(initialValue, flags);
        return fd >= 0 ? fd : -runtime.getLastError();
    }

    @Override
    public int write(int fd, long value) {
        return libc.eventfd_write(fd, value);
    }

    @Override
    public int close(int fd) {
        return libc.close(fd);
    }
}
