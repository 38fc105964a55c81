package dev.twine.backend.kqueue;

import dev.twine.nativeio.posix.DirectMemory;

import java.nio.ByteBuffer;

/**
 * The {@code struct timespec} arguments of {@link KqueuePoller}'s {@code kevent} calls, in direct memory
 * allocated once: a zero timeout for calls that must not wait (flushes and wake-ups, from any thread,
 * since it is never written after allocation), and one rewritten per poll on the reactor thread.
 */
final class KeventTimeouts {
    /** kevent timeouts are capped here (about 68 years), like FreeBSD's own INT32 limit; the reactor polls again. */
    private static final long MAX_SECONDS = Integer.MAX_VALUE;

    private final ByteBuffer zero = DirectMemory.allocate(16);
    private final long zeroAddress = DirectMemory.address(zero);
    private final ByteBuffer timed = DirectMemory.allocate(16);
    private final long timedAddress = DirectMemory.address(timed);

    /** A zero timespec: return at once. */
    long zero() {
        return zeroAddress;
    }

    /**
     * The timeout argument for a poll: {@code 0} (a null pointer, wait forever) for a negative timeout,
     * else a timespec of {@code nanos}. kevent takes nanoseconds and kernels round up to their tick, so no
     * rounding is needed here. Reactor thread only.
     */
    long forNanos(long nanos) {
        if (nanos < 0) {
            return 0;
        }
        timed.putLong(0, Math.min(nanos / 1_000_000_000L, MAX_SECONDS)).putLong(8, nanos % 1_000_000_000L);
        return timedAddress;
    }
}
