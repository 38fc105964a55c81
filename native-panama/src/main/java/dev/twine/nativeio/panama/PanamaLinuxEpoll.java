package dev.twine.nativeio.panama;

import dev.twine.nativeio.linux.LinuxEpoll;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static dev.twine.nativeio.panama.Downcalls.INT;
import static dev.twine.nativeio.panama.Downcalls.LONG;
import static dev.twine.nativeio.panama.Downcalls.Kind.BLOCKING;
import static dev.twine.nativeio.panama.Downcalls.Kind.BLOCKING_CAPTURE;
import static dev.twine.nativeio.panama.Downcalls.Kind.CRITICAL_CAPTURE;
import static dev.twine.nativeio.panama.Downcalls.capture;
import static dev.twine.nativeio.panama.Downcalls.errno;
import static dev.twine.nativeio.panama.Downcalls.libc;
import static dev.twine.nativeio.panama.Downcalls.unexpected;

/**
 * {@link LinuxEpoll} bound to glibc with {@code java.lang.foreign} (rules in {@link Downcalls}).
 * {@code epoll_create1} and {@code epoll_ctl} never wait and are critical; {@code epoll_wait}
 * sleeps for its timeout and is not. Stateless and thread-safe.
 */
public final class PanamaLinuxEpoll implements LinuxEpoll {

    private static final MethodHandle CREATE1 = libc("epoll_create1", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT));
    private static final MethodHandle CTL = libc("epoll_ctl", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT, INT, LONG));
    private static final MethodHandle WAIT = libc("epoll_wait", BLOCKING_CAPTURE,
            FunctionDescriptor.of(INT, INT, LONG, INT, INT));
    private static final MethodHandle CLOSE = libc("close", BLOCKING, FunctionDescriptor.of(INT, INT));

    /** The handles are created when the class is initialized. */
    public PanamaLinuxEpoll() {
        Downcalls.requireLp64();
    }

    @Override
    public int epollCreate1(int flags) {
        MemorySegment state = capture();
        try {
            int fd = (int) CREATE1.invokeExact(state, flags);
            return fd >= 0 ? fd : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long eventAddress) {
        MemorySegment state = capture();
        try {
            return (int) CTL.invokeExact(state, epfd, op, fd, eventAddress) == 0 ? 0 : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis) {
        MemorySegment state = capture();
        try {
            int n = (int) WAIT.invokeExact(state, epfd, eventsAddress, maxEvents, timeoutMillis);
            return n >= 0 ? n : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
