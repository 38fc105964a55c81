package dev.twine.backend.kqueue;

import static dev.twine.spi.Poller.ERROR;
import static dev.twine.spi.Poller.HANGUP;
import static dev.twine.spi.Poller.READ;
import static dev.twine.spi.Poller.READ_HANGUP;

import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.spi.Poller.ReadySink;

import java.util.Arrays;

/**
 * {@link KqueuePoller}'s per-descriptor state, in arrays indexed by descriptor number so that an
 * event finds its handle without a map (descriptors are small and dense): the registered handle,
 * the interest it wants, the interest the kernel has, the queue of descriptors whose two differ, and
 * the ready bits gathered during one poll.
 *
 * <p>Fields are package-private for the poller, which owns this table; reactor thread only.
 */
final class DescriptorTable {

    PosixHandle[] handles = new PosixHandle[64];
    /** READ | WRITE wanted by the handle now. */
    int[] wanted = new int[64];
    /** READ | WRITE as last submitted to the kernel (a failed add takes its bit back). */
    int[] kernel = new int[64];
    private boolean[] queued = new boolean[64];
    /** Descriptors whose wanted interest may differ from the kernel's, in the order they changed. */
    int[] queue = new int[64];
    int queueCount;

    /** By descriptor: ready bits gathered in the current poll; zero outside it. */
    private int[] ready = new int[64];
    /** The descriptors and handles with ready bits in the current poll, in event order. */
    private int[] readyFds = new int[64];
    private PosixHandle[] readyHandles = new PosixHandle[64];
    private int readyCount;

    /** The descriptor {@code handle} is registered under, or -1; by identity once it has been closed. */
    int indexOf(PosixHandle handle) {
        int fd = handle.fileno();
        if (fd >= 0) {
            return fd < handles.length && handles[fd] == handle ? fd : -1;
        }
        for (int i = 0; i < handles.length; i++) {
            if (handles[i] == handle) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Registers {@code handle} under {@code fd} with no interest, in the kernel or wanted.
     *
     * @return the handle that was registered there before (closed without being removed), or null
     */
    PosixHandle claim(int fd, PosixHandle handle) {
        ensureCapacity(fd);
        PosixHandle previous = handles[fd];
        handles[fd] = handle;
        wanted[fd] = 0;
        kernel[fd] = 0;
        return previous;
    }

    void enqueue(int fd) {
        if (!queued[fd]) {
            queued[fd] = true;
            if (queueCount == queue.length) {
                queue = Arrays.copyOf(queue, queueCount * 2);
            }
            queue[queueCount++] = fd;
        }
    }

    /** Takes {@code fd} off the queue's books; the caller empties the queue after reading it. */
    void dequeued(int fd) {
        queued[fd] = false;
    }

    /** True if {@code ident} is a registered descriptor whose handle wants {@code bit}. */
    boolean wants(long ident, int bit) {
        return ident >= 0 && ident < handles.length && handles[(int) ident] != null
                && (wanted[(int) ident] & bit) != 0;
    }

    /** Adds {@code bits} to the ready bits of the handle registered under {@code ident}, if any. */
    void mark(long ident, int bits) {
        if (ident < 0 || ident >= handles.length) {
            return;
        }
        int fd = (int) ident;
        PosixHandle handle = handles[fd];
        if (handle == null) {
            return; // removed since the change list went in
        }
        if (ready[fd] == 0) {
            if (readyCount == readyFds.length) {
                readyFds = Arrays.copyOf(readyFds, readyCount * 2);
                readyHandles = Arrays.copyOf(readyHandles, readyCount * 2);
            }
            readyFds[readyCount] = fd;
            readyHandles[readyCount] = handle;
            readyCount++;
        }
        ready[fd] |= bits;
    }

    /**
     * Reports each marked handle once, with its merged bits masked by the interest in force now: a
     * callback earlier in the batch may have removed a handle or changed its interest.
     * {@link #READ_HANGUP} goes with read interest; {@link #HANGUP} and {@link #ERROR} always.
     * A sink that throws leaves the table clean for the next poll.
     *
     * @return the number of handles reported
     */
    int dispatch(ReadySink sink) {
        int reported = 0;
        int i = 0;
        try {
            for (; i < readyCount; i++) {
                int fd = readyFds[i];
                PosixHandle handle = readyHandles[i];
                int bits = ready[fd];
                ready[fd] = 0;
                readyHandles[i] = null;
                if (handles[fd] != handle) {
                    continue;
                }
                int want = wanted[fd];
                int ops = bits & (want | HANGUP | ERROR);
                if ((want & READ) != 0) {
                    ops |= bits & READ_HANGUP;
                }
                if (ops != 0) {
                    reported++;
                    sink.ready(handle, ops);
                }
            }
        } finally {
            for (i++; i < readyCount; i++) {
                ready[readyFds[i]] = 0;
                readyHandles[i] = null;
            }
            readyCount = 0;
        }
        return reported;
    }

    void ensureCapacity(int fd) {
        if (fd < handles.length) {
            return;
        }
        int size = Math.max(handles.length * 2, fd + 1);
        handles = Arrays.copyOf(handles, size);
        wanted = Arrays.copyOf(wanted, size);
        kernel = Arrays.copyOf(kernel, size);
        queued = Arrays.copyOf(queued, size);
        ready = Arrays.copyOf(ready, size);
    }

    /** Forgets every registration (the kqueue is being closed). */
    void clear() {
        Arrays.fill(handles, null);
        Arrays.fill(queued, false);
        queueCount = 0;
    }
}
