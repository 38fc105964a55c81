package dev.twine.backend.kqueue.shim;

import dev.twine.nativeio.bsd.KeventArray;
import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.Kqueue;
import dev.twine.nativeio.posix.DirectMemory;

import java.nio.ByteBuffer;

/**
 * One kqueue of the emulation with a change list, an event list and a timespec, for tests that speak
 * {@code kevent(2)} directly: queue changes with {@link #change}, then {@link #kevent} submits them
 * and waits in one call, as a program would.
 */
final class KqFixture implements AutoCloseable {

    /** {@link #kevent} timeout meaning "NULL": wait without limit. */
    static final long FOREVER = -1;

    final Kqueue sys;
    final KeventLayout layout;
    final int kq;
    final KeventArray changes;
    final KeventArray events;
    private final ByteBuffer timespec = DirectMemory.allocate(16);
    private final long timespecAddress = DirectMemory.address(timespec);
    private int pending;

    KqFixture(Kqueue sys, KeventLayout layout) {
        this.sys = sys;
        this.layout = layout;
        this.kq = sys.kqueue();
        if (kq < 0) {
            throw new AssertionError("kqueue() failed: errno " + -kq);
        }
        this.changes = new KeventArray(layout, 16);
        this.events = new KeventArray(layout, 16);
    }

    /** Queues one change for the next {@link #kevent} call. */
    KqFixture change(long ident, short filter, int flags, int fflags, long data, long udata) {
        changes.put(pending++, ident, filter, flags, fflags, data, udata);
        return this;
    }

    /** Queues one change with no fflags and data. */
    KqFixture change(long ident, short filter, int flags, long udata) {
        return change(ident, filter, flags, 0, 0, udata);
    }

    /**
     * Submits the queued changes and collects up to {@code nevents} events.
     *
     * @param timeoutNanos {@link #FOREVER} for a NULL timeout, otherwise the timespec to pass
     * @return kevent's result, or {@code -errno}
     */
    int kevent(int nevents, long timeoutNanos) {
        int n = sys.kevent(kq, changes.address(), pending, events.address(), nevents, timeout(timeoutNanos));
        pending = 0;
        return n;
    }

    /**
     * Collects up to the event list's capacity through {@link Kqueue#waitForEvents}, the loop's call
     * without changes, on {@code kqueue} (this fixture's kqueue, or any descriptor a test names).
     *
     * @param timeoutNanos {@link #FOREVER} for a NULL timeout, otherwise the timespec to pass
     */
    int waitForEvents(int kqueue, long timeoutNanos) {
        return sys.waitForEvents(kqueue, events.address(), events.capacity(), timeout(timeoutNanos));
    }

    /** The timeout argument: 0 (NULL) for {@link #FOREVER}, else this fixture's timespec holding it. */
    private long timeout(long timeoutNanos) {
        if (timeoutNanos == FOREVER) {
            return 0;
        }
        timespec.putLong(0, timeoutNanos / 1_000_000_000L);
        timespec.putLong(8, timeoutNanos % 1_000_000_000L);
        return timespecAddress;
    }

    /** Submits the queued changes and collects what is ready now, with a zero timeout. */
    int poll() {
        return kevent(events.capacity(), 0);
    }

    /** Applies the queued changes without collecting events; fails the test if a change fails. */
    void apply() {
        int n = kevent(0, 0);
        if (n != 0) {
            throw new AssertionError("applying changes returned " + n);
        }
    }

    /** Passes a raw timespec, for the validation tests. */
    int keventWithTimespec(long seconds, long nanos) {
        timespec.putLong(0, seconds);
        timespec.putLong(8, nanos);
        int n = sys.kevent(kq, changes.address(), pending, events.address(), events.capacity(), timespecAddress);
        pending = 0;
        return n;
    }

    /** The index of the first event among the first {@code n} with this ident and filter, or -1. */
    int find(int n, long ident, short filter) {
        for (int i = 0; i < n; i++) {
            if (events.ident(i) == ident && events.filter(i) == filter) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        sys.close(kq);
    }
}
