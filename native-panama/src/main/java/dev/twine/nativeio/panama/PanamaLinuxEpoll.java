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
 * sleeps for its timeout and is not, and captures errno only when it has failed ({@link #WAIT}).
 * Stateless and thread-safe.
 */
public final class PanamaLinuxEpoll implements LinuxEpoll {

    private static final MethodHandle CREATE1 = libc("epoll_create1", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT));
    private static final MethodHandle CTL = libc("epoll_ctl", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT, INT, LONG));
    /**
     * {@code epoll_wait} without errno capture: the loop's call, once per pass. With capture, the linker
     * slices the capture segment on every call ({@code SharedUtils.checkCaptureSegment}); C2 removes that
     * slice in most compilations but not in all, and the echo allocation probe then measured 9 to 11 bytes
     * per message on the event loop, in about one run in six (JFR: {@code NativeMemorySegmentImpl.dup}
     * under {@code epollWait}). errno matters only when the call fails, so only then is it fetched, by
     * {@link #WAIT_CAPTURING}.
     */
    private static final MethodHandle WAIT = libc("epoll_wait", BLOCKING,
            FunctionDescriptor.of(INT, INT, LONG, INT, INT));
    /** {@code epoll_wait} with errno captured: the call that learns why {@link #WAIT} failed. */
    private static final MethodHandle WAIT_CAPTURING = libc("epoll_wait", BLOCKING_CAPTURE,
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
        try {
            int n = (int) WAIT.invokeExact(epfd, eventsAddress, maxEvents, timeoutMillis);
            return n >= 0 ? n : pollAgainForErrno(epfd, eventsAddress, maxEvents);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * After a failed {@code epoll_wait}, whose errno the JVM may already have overwritten: polls again
     * without waiting, capturing errno. A failed call delivered no events, so the second call loses none
     * and answers for both. An error of the descriptor or the arguments ({@code EBADF}, {@code EFAULT},
     * {@code EINVAL}) fails again and is returned; after {@code EINTR} the second call returns what is ready
     * now, which the caller handles like any other result (0 or more events).
     */
    private static int pollAgainForErrno(int epfd, long eventsAddress, int maxEvents) throws Throwable {
        MemorySegment state = capture();
        int n = (int) WAIT_CAPTURING.invokeExact(state, epfd, eventsAddress, maxEvents, 0);
        return n >= 0 ? n : -errno(state);
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
