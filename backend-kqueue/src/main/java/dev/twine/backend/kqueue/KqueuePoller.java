package dev.twine.backend.kqueue;

import static dev.twine.nativeio.bsd.KqueueConstants.EVFILT_READ;
import static dev.twine.nativeio.bsd.KqueueConstants.EVFILT_WRITE;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_ADD;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_DELETE;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_EOF;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_ERROR;
import static dev.twine.nativeio.bsd.KqueueConstants.EV_RECEIPT;
import static dev.twine.nativeio.bsd.KqueueConstants.NOTE_TRIGGER;

import dev.twine.nativeio.bsd.KeventArray;
import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.Kqueue;
import dev.twine.nativeio.bsd.KqueueBindings;
import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A level-triggered {@link Poller} over one kqueue (kqueue(2)), for {@link PosixHandle}s.
 *
 * <p><b>Filters.</b> Read interest is an {@code EVFILT_READ} event, write interest an
 * {@code EVFILT_WRITE} event, both added without {@code EV_CLEAR}, so kqueue reports them for as long
 * as the condition holds (level-triggered, as Netty's kqueue transport became in #15255). kqueue
 * reports the two filters of one descriptor as two events; {@link #poll} merges them into one report
 * per handle. {@code EV_EOF} on the read filter means the peer shut its side ({@link #READ_HANGUP}),
 * on the write filter that the socket can no longer send ({@link #HANGUP}); a non-zero
 * {@code fflags} with {@code EV_EOF} is the socket's pending error ({@link #ERROR}).
 *
 * <p><b>Changes.</b> {@link #setInterest} only records the wanted interest and queues the
 * descriptor. Just before {@code kevent} the queue becomes a change list in direct memory, holding
 * for each descriptor the difference between what it wants and what the kernel has (the JDK's
 * {@code processUpdateQueue}, libuv's watcher queue), and the list goes to the kernel in the same
 * {@code kevent} call that waits (Netty's kqueue change list). Adding a writer therefore costs no
 * system call of its own, and a writer added and removed within one loop iteration none at all.
 * Two cases submit at once, in a call that does not wait and marks every change
 * {@code EV_RECEIPT} (so that all are applied and none drains a pending event): a full change
 * list, and interest {@code 0} for a descriptor the kernel watches, because the reactor closes it
 * right after and kqueue must see the {@code EV_DELETE} first (an emulation keeps a closed
 * descriptor's events otherwise; on BSD it would meet a number the kernel may already have reused).
 *
 * <p><b>Change errors</b> come back as {@code EV_ERROR} entries. FreeBSD replaces the flags of a
 * failed change with {@code EV_ERROR}, so whether it was an add or a delete is read from this
 * poller's state: a failed delete ({@code ENOENT}: the kernel dropped the event at close) is
 * ignored; a failed add is reported as {@link #ERROR} for its handle, whose next read or write then
 * meets the real error.
 *
 * <p><b>Wake-up</b> is an {@code EVFILT_USER} event with {@code EV_CLEAR}; {@link #wakeup()} triggers
 * it with the same udata it was added with, because every change to an event overwrites its udata.
 * It is registered by {@link KqueueSelfCheck}, which also proves the kevent layout at start-up.
 *
 * <p><b>Memory.</b> The change list, the event list and the timeout live in direct memory at the
 * offsets of the bindings' {@link KeventLayout}; handles, interest and ready bits are kept by
 * descriptor number in a {@link DescriptorTable}. A poll allocates nothing; the event list doubles,
 * up to {@value #MAX_EVENTS}, when a wait fills it.
 *
 * <p><b>Threading.</b> Reactor thread only, except {@link #wakeup()}.
 */
public final class KqueuePoller implements Poller {

    private static final System.Logger LOG = System.getLogger(KqueuePoller.class.getName());

    static final int CHANGES = 256;
    static final int INITIAL_EVENTS = 256;
    static final int MAX_EVENTS = 4096;
    /** kevent timeouts are capped here (about 68 years), like FreeBSD's own INT32 limit; the reactor polls again. */
    private static final long MAX_TIMEOUT_SECONDS = Integer.MAX_VALUE;

    private final Kqueue sys;
    private final ErrnoTable errno;
    private final KeventLayout layout;
    private final int kq;
    private final int eintr;
    private final int enoent;
    private final int ebadf;

    private final KeventArray changes;
    private int changeCount;
    private KeventArray events;
    private final ByteBuffer timeout = DirectMemory.allocate(16);
    private final long timeoutAddress = DirectMemory.address(timeout);

    /** The one change wakeup() submits; written here and never again, so any thread may pass it. */
    private final KeventArray wakeChange;
    /** A zero timespec, never written after allocation: flushes and wake-ups must not wait. */
    private final ByteBuffer zeroTimeout = DirectMemory.allocate(16);
    private final long zeroTimeoutAddress = DirectMemory.address(zeroTimeout);
    private final Object wakeLock = new Object();
    private boolean kqClosed;
    private boolean closed;

    private final DescriptorTable table = new DescriptorTable();
    /** Descriptors whose add failed in a flush, reported as ERROR by the next poll. */
    private int[] failedAdds = new int[8];
    private int failedCount;

    private KqueuePoller(KqueueBindings bindings, int kq) {
        this.sys = bindings.kqueue();
        this.errno = bindings.errno();
        this.layout = bindings.layout();
        this.kq = kq;
        this.eintr = errno.number("EINTR");
        this.enoent = errno.number("ENOENT");
        this.ebadf = errno.number("EBADF");
        this.changes = new KeventArray(layout, CHANGES);
        this.events = new KeventArray(layout, INITIAL_EVENTS);
        this.wakeChange = new KeventArray(layout, 1);
        wakeChange.put(0, KqueueSelfCheck.WAKE_IDENT, layout.evfiltUser(), 0, NOTE_TRIGGER, 0,
                KqueueSelfCheck.WAKE_UDATA);
    }

    /**
     * Creates a kqueue, registers its wake-up event and verifies the kevent layout.
     *
     * @throws IOException if {@code kqueue()} fails ({@code EMFILE}...), or the self-check finds that
     *                     the library speaks another kevent ABI
     */
    public static KqueuePoller open(KqueueBindings bindings) throws IOException {
        int kq = bindings.kqueue().kqueue();
        if (kq < 0) {
            throw bindings.errno().exception("kqueue", -kq);
        }
        try {
            KqueueSelfCheck.registerWakeupAndVerify(bindings, kq);
        } catch (IOException | RuntimeException e) {
            bindings.kqueue().close(kq);
            throw e;
        }
        return new KqueuePoller(bindings, kq);
    }

    // -- interest --

    @Override
    public void setInterest(SelectableHandle handle, int ops) throws IOException {
        if (!(handle instanceof PosixHandle posix)) {
            throw new IllegalArgumentException("not a POSIX descriptor handle: " + handle);
        }
        if ((ops & ~(READ | WRITE)) != 0) {
            throw new IllegalArgumentException("interest must combine READ and WRITE, got " + ops);
        }
        ensureOpen();
        int fd = table.indexOf(posix);
        if (fd < 0) {
            if (ops == 0) {
                return; // not registered: removal is idempotent
            }
            fd = posix.fileno();
            if (fd < 0) {
                throw errno.exception("kevent", ebadf);
            }
            PosixHandle previous = table.claim(fd, posix);
            if (previous != null) {
                // Closed without being removed; kqueue dropped its events at close(2), so the new
                // handle starts from nothing in the kernel.
                LOG.log(Level.WARNING, () -> previous + " was closed without being removed from the poller");
            }
        }
        if (table.wanted[fd] == ops) {
            return;
        }
        table.wanted[fd] = ops;
        table.enqueue(fd);
        if (ops == 0) {
            table.handles[fd] = null;
            if (table.kernel[fd] != 0) {
                // The reactor closes the descriptor next: kqueue must see the EV_DELETE first.
                buildChanges();
                flushChanges();
            }
        }
    }

    /**
     * Turns the queued descriptors into kevent changes: for each, the difference between the
     * interest wanted now and what the kernel has. A filter added and removed again since the last
     * submission therefore never reaches the kernel. A full change list is flushed on the way.
     */
    private void buildChanges() throws IOException {
        for (int i = 0; i < table.queueCount; i++) {
            int fd = table.queue[i];
            table.dequeued(fd);
            int want = table.handles[fd] != null ? table.wanted[fd] : 0;
            int have = table.kernel[fd];
            if (want == have) {
                continue;
            }
            // Recorded first, so that a failure reported by a flush in between can take a bit back.
            table.kernel[fd] = want;
            change(fd, EVFILT_READ, READ, want, have);
            change(fd, EVFILT_WRITE, WRITE, want, have);
        }
        table.queueCount = 0;
    }

    private void change(int fd, short filter, int bit, int want, int have) throws IOException {
        if ((want & bit) == (have & bit)) {
            return;
        }
        if (changeCount == changes.capacity()) {
            flushChanges();
        }
        changes.put(changeCount++, fd, filter, (want & bit) != 0 ? EV_ADD : EV_DELETE, 0, 0, 0);
    }

    /**
     * Applies the changes in the list now, without waiting: every change carries {@code EV_RECEIPT}
     * and the event list has exactly one slot per change, so kqueue applies them all, reports each in
     * its slot, and has no room left to hand out (and so consume) a pending event.
     */
    private void flushChanges() throws IOException {
        if (changeCount == 0) {
            return;
        }
        for (int i = 0; i < changeCount; i++) {
            changes.flags(i, changes.flags(i) | EV_RECEIPT);
        }
        int count = changeCount;
        changeCount = 0;
        int n = sys.kevent(kq, changes.address(), count, events.address(), count, zeroTimeoutAddress);
        if (n < 0) {
            throw errno.exception("kevent", -n);
        }
        for (int i = 0; i < n; i++) {
            long error = events.data(i);
            if ((events.flags(i) & EV_ERROR) != 0 && error != 0) {
                if (changeFailed(events.ident(i), events.filter(i), (int) error)) {
                    rememberFailedAdd((int) events.ident(i));
                }
            }
        }
    }

    /**
     * Handles an {@code EV_ERROR} entry; see the class comment. The change was an add exactly when
     * the handle still wants that filter, since changes are computed from the wanted interest
     * right before they are submitted.
     *
     * @return true if it was an add for a handle still registered, to be reported as {@link #ERROR}
     */
    private boolean changeFailed(long ident, short filter, int error) {
        int bit = filter == EVFILT_READ ? READ : filter == EVFILT_WRITE ? WRITE : 0;
        if (bit == 0 || !table.wants(ident, bit)) {
            if (error != enoent && error != ebadf) {
                LOG.log(Level.DEBUG, () -> "kevent delete of descriptor " + ident + " filter " + filter
                        + " failed: " + errno.name(error));
            }
            return false;
        }
        int fd = (int) ident;
        table.kernel[fd] &= ~bit;
        LOG.log(Level.WARNING, () -> "kevent could not watch " + table.handles[fd] + " (filter " + filter + "): "
                + errno.name(error) + " (" + errno.message(error) + ")");
        return true;
    }

    private void rememberFailedAdd(int fd) {
        if (failedCount == failedAdds.length) {
            failedAdds = Arrays.copyOf(failedAdds, failedCount * 2);
        }
        failedAdds[failedCount++] = fd;
    }

    // -- waiting --

    @Override
    public int poll(long timeoutNanos, ReadySink sink) throws IOException {
        ensureOpen();
        buildChanges();
        long timeoutArg = 0;
        if (timeoutNanos >= 0 || failedCount > 0) {
            // kevent takes nanoseconds; kernels round up to their tick, so no rounding is needed here.
            long nanos = failedCount > 0 ? 0 : timeoutNanos;
            long seconds = Math.min(nanos / 1_000_000_000L, MAX_TIMEOUT_SECONDS);
            timeout.putLong(0, seconds).putLong(8, nanos % 1_000_000_000L);
            timeoutArg = timeoutAddress;
        }
        int count = changeCount;
        changeCount = 0;
        int n = sys.kevent(kq, changes.address(), count, events.address(), events.capacity(), timeoutArg);
        if (n < 0) {
            if (n != -eintr) {
                throw errno.exception("kevent", -n);
            }
            // A signal. The changes were applied before the wait began; the reactor polls again.
            n = 0;
        }
        for (int i = 0; i < failedCount; i++) {
            table.mark(failedAdds[i], ERROR);
        }
        failedCount = 0;
        for (int i = 0; i < n; i++) {
            collect(i);
        }
        if (n == events.capacity() && n < MAX_EVENTS) {
            events = new KeventArray(layout, n * 2);
        }
        return table.dispatch(sink);
    }

    /** Turns event {@code i} into ready bits for its handle. */
    private void collect(int i) {
        short filter = events.filter(i);
        int flags = events.flags(i);
        long ident = events.ident(i);
        if ((flags & EV_ERROR) != 0) {
            long error = events.data(i);
            if (error != 0 && changeFailed(ident, filter, (int) error)) {
                table.mark(ident, ERROR);
            }
            return;
        }
        int bits;
        if (filter == EVFILT_READ) {
            bits = (flags & EV_EOF) != 0 ? READ | READ_HANGUP : READ;
        } else if (filter == EVFILT_WRITE) {
            bits = (flags & EV_EOF) != 0 ? WRITE | HANGUP : WRITE;
        } else {
            // The wake-up event (EVFILT_USER with EV_CLEAR): it has done its job by ending the wait.
            return;
        }
        if ((flags & EV_EOF) != 0 && events.fflags(i) != 0) {
            bits |= ERROR;
        }
        table.mark(ident, bits);
    }

    @Override
    public void wakeup() {
        // The lock keeps close() and wakeup() apart, so a wake-up never reaches a descriptor number
        // that close() released and the kernel gave to someone else.
        synchronized (wakeLock) {
            if (!kqClosed) {
                int n = sys.kevent(kq, wakeChange.address(), 1, 0, 0, zeroTimeoutAddress);
                if (n < 0) {
                    LOG.log(Level.WARNING, () -> "kqueue wake-up failed: " + errno.name(-n));
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (wakeLock) {
            kqClosed = true;
            sys.close(kq);
        }
        table.clear();
        changeCount = 0;
        failedCount = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("kqueue poller is closed");
        }
    }

    @Override
    public String toString() {
        return "KqueuePoller[kq=" + kq + ", " + layout.abiName() + (closed ? ", closed]" : "]");
    }
}
