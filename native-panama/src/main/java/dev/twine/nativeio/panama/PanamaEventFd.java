package dev.twine.nativeio.panama;

import dev.twine.nativeio.linux.EventFd;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static dev.twine.nativeio.panama.Downcalls.INT;
import static dev.twine.nativeio.panama.Downcalls.LONG;
import static dev.twine.nativeio.panama.Downcalls.Kind.BLOCKING;
import static dev.twine.nativeio.panama.Downcalls.Kind.CRITICAL_CAPTURE;
import static dev.twine.nativeio.panama.Downcalls.capture;
import static dev.twine.nativeio.panama.Downcalls.errno;
import static dev.twine.nativeio.panama.Downcalls.libc;
import static dev.twine.nativeio.panama.Downcalls.unexpected;

/**
 * {@link EventFd} bound to glibc with {@code java.lang.foreign} (rules in {@link Downcalls}).
 * {@code eventfd_write} captures no errno (its only failure needs no handling, see
 * {@link EventFd#write}) and is not critical, because on a blocking eventfd it waits while the
 * counter is full. Stateless and thread-safe.
 */
public final class PanamaEventFd implements EventFd {

    private static final MethodHandle EVENTFD = libc("eventfd", CRITICAL_CAPTURE,
            FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle WRITE = libc("eventfd_write", BLOCKING,
            FunctionDescriptor.of(INT, INT, LONG));
    private static final MethodHandle CLOSE = libc("close", BLOCKING, FunctionDescriptor.of(INT, INT));

    /** The handles are created when the class is initialized. */
    public PanamaEventFd() {
        Downcalls.requireLp64();
    }

    @Override
    public int eventfd(int initialValue, int flags) {
        MemorySegment state = capture();
        try {
            int fd = (int) EVENTFD.invokeExact(state, initialValue, flags);
            return fd >= 0 ? fd : -errno(state);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int write(int fd, long value) {
        try {
            return (int) WRITE.invokeExact(fd, value);
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
