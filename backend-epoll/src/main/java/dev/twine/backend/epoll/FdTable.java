package dev.twine.backend.epoll;

import dev.twine.nativeio.posix.PosixHandle;

import java.util.Arrays;

/**
 * The epoll poller's per-descriptor state, in parallel arrays indexed by descriptor number: no map,
 * no boxing, O(1) lookup for every event (descriptors are small dense integers, which is why the
 * JDK's {@code EPollSelectorImpl} and Netty's {@code IntObjectHashMap} key by them too).
 *
 * <p>For each descriptor: the handle registered on it, the interest the reactor wants, the events
 * the kernel currently has, a registration generation, and whether a change is queued. The
 * generation is stored in the upper half of each registration's {@code epoll_data}, so an event
 * that was fetched for a registration which has since been removed, and whose descriptor number a
 * new handle now uses, is recognised as stale and dropped.
 *
 * <p>The arrays grow by doubling to cover the highest descriptor seen; they never shrink.
 * Reactor thread only.
 */
final class FdTable {

    private static final int INITIAL_SIZE = 64;

    PosixHandle[] handles = new PosixHandle[INITIAL_SIZE];
    /** The reactor's interest, in {@code Poller} bits; 0 when not registered. */
    int[] wanted = new int[INITIAL_SIZE];
    /** The epoll events the kernel has for the descriptor; 0 when the kernel has none. */
    int[] registered = new int[INITIAL_SIZE];
    int[] generation = new int[INITIAL_SIZE];
    boolean[] queued = new boolean[INITIAL_SIZE];

    private int nextGeneration;

    /** Makes {@code fd} a valid index. */
    void ensureCapacity(int fd) {
        if (fd < handles.length) {
            return;
        }
        int size = handles.length;
        while (size <= fd) {
            size = size << 1;
        }
        handles = Arrays.copyOf(handles, size);
        wanted = Arrays.copyOf(wanted, size);
        registered = Arrays.copyOf(registered, size);
        generation = Arrays.copyOf(generation, size);
        queued = Arrays.copyOf(queued, size);
    }

    /** The handle registered on {@code fd}, or null; {@code fd} may be out of range. */
    PosixHandle handle(int fd) {
        return fd >= 0 && fd < handles.length ? handles[fd] : null;
    }

    /**
     * Records {@code handle} as the owner of {@code fd}, with a new generation and no kernel
     * registration yet. Any earlier owner was closed without deregistering, and closing removed it
     * from the epoll set (epoll(7), Q6), so nothing of it is kept.
     */
    void claim(int fd, PosixHandle handle) {
        handles[fd] = handle;
        wanted[fd] = 0;
        registered[fd] = 0;
        generation[fd] = ++nextGeneration;
    }

    /** Forgets whatever is registered on {@code fd}. */
    void release(int fd) {
        handles[fd] = null;
        wanted[fd] = 0;
        registered[fd] = 0;
    }

    /** The 64-bit {@code epoll_data} identifying the current registration of {@code fd}. */
    long token(int fd) {
        return (long) generation[fd] << 32 | (fd & 0xffffffffL);
    }

    /** The handle a token names, or null if that registration is gone. */
    PosixHandle resolve(long token) {
        int fd = (int) token;
        PosixHandle handle = handle(fd);
        return handle != null && generation[fd] == (int) (token >>> 32) ? handle : null;
    }

    /** Drops every entry (the poller is closing). */
    void clear() {
        Arrays.fill(handles, null);
        Arrays.fill(wanted, 0);
        Arrays.fill(registered, 0);
        Arrays.fill(queued, false);
    }
}
