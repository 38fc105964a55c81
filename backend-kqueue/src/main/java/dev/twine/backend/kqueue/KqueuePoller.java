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
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.SocketError;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * A level-triggered {@link Poller} over one kqueue (kqueue(2)), for {@link PosixHandle}s: mio's
 * {@code kqueue.rs} in shape, with Netty's change list.
 *
 * <p><b>Filters.</b> Read interest is an {@code EVFILT_READ} event, write interest an {@code EVFILT_WRITE}
 * event, both added without {@code EV_CLEAR}, so kqueue reports them for as long as the condition holds
 * (level-triggered, as Netty's kqueue transport became in #15255). Both carry the reactor's token as
 * {@code udata}. kqueue reports the two filters of one descriptor as two events; {@link #poll} merges them
 * into one report per token ({@link ReadyMerge}).
 *
 * <p><b>Changes</b> are the one piece of state this poller keeps, because kqueue batches them itself:
 * {@link #register} and {@link #reregister} append the filters that differ between the previous and the
 * new interest to a change list in direct memory, and the list goes to the kernel in the same
 * {@code kevent} call that waits, so adding a writer costs no system call of its own. Two cases submit at
 * once, in a call that does not wait and marks every change {@code EV_RECEIPT} (so all are applied and
 * none drains a pending event): a full change list, and {@link #deregister}, because the reactor closes
 * the descriptor right after and kqueue must see the {@code EV_DELETE} first (an emulation keeps a closed
 * descriptor's events otherwise; on BSD it would meet a number the kernel may already have reused).
 *
 * <p><b>Change errors</b> come back as {@code EV_ERROR} entries. Deletes carry a negative {@code udata}, so
 * a failed delete ({@code ENOENT}: the kernel dropped the event at close) is recognised and ignored; a
 * failed add is reported for its token as {@link #ERROR} with the error, and the reactor closes the
 * connection naming it.
 *
 * <p><b>Errors with events.</b> {@code EV_EOF} on the read filter means the peer shut its side
 * ({@link #READ_HANGUP}); on the write filter, that the socket can no longer send ({@link #HANGUP}). A
 * non-zero {@code fflags} with {@code EV_EOF} is the socket's error (kqueue(2): "If there is an error,
 * fflags contains the socket error"), passed to the sink, with {@link #HANGUP} and {@link #ERROR}: the
 * reactor must not read {@code SO_ERROR} again later, since libkqueue has already cleared it.
 *
 * <p><b>Wake-up</b> is an {@code EVFILT_USER} event with {@code EV_CLEAR}, registered by
 * {@link KqueueSelfCheck} (which also proves the kevent layout at start-up); {@link #wakeup()} triggers it
 * with the udata it was added with, because every change to an event overwrites its udata.
 *
 * <p><b>Threading.</b> Reactor thread only, except {@link #wakeup()}.
 */
public final class KqueuePoller implements Poller<PosixHandle> {

    private static final System.Logger LOG = System.getLogger(KqueuePoller.class.getName());

    static final int CHANGES = 256;
    static final int INITIAL_EVENTS = 256;
    static final int MAX_EVENTS = 4096;
    /** {@code udata} of every delete: negative, so a failed one is never taken for a token. */
    private static final long DELETE_UDATA = -1L;

    private final Kqueue sys;
    private final ErrnoTable errno;
    private final KeventLayout layout;
    private final int kq;
    private final int eintr;
    private final int ebadf;

    private final KeventArray changes;
    private int changeCount;
    private KeventArray events;
    private final ReadyMerge merge = new ReadyMerge();
    private final KeventTimeouts timeouts = new KeventTimeouts();

    /** The one change wakeup() submits; written here and never again, so any thread may pass it. */
    private final KeventArray wakeChange;
    private final Object wakeLock = new Object();
    private boolean kqClosed;
    private boolean closed;

    private KqueuePoller(KqueueBindings bindings, int kq) {
        this.sys = bindings.kqueue();
        this.errno = bindings.errno();
        this.layout = bindings.layout();
        this.kq = kq;
        this.eintr = errno.number("EINTR");
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

    @Override
    public void register(PosixHandle handle, long token, int ops) throws IOException {
        reregister(handle, token, 0, ops);
    }

    /** Queues the filters that differ; they reach the kernel with the next {@code kevent}. */
    @Override
    public void reregister(PosixHandle handle, long token, int previousOps, int ops) throws IOException {
        int fd = openFd(handle);
        change(fd, EVFILT_READ, READ, previousOps, ops, token);
        change(fd, EVFILT_WRITE, WRITE, previousOps, ops, token);
    }

    @Override
    public void deregister(PosixHandle handle, int previousOps) throws IOException {
        ensureOpen();
        int fd = handle.fileno();
        if (fd < 0) {
            return; // closed: kqueue dropped its events with the descriptor
        }
        change(fd, EVFILT_READ, READ, previousOps, 0, DELETE_UDATA);
        change(fd, EVFILT_WRITE, WRITE, previousOps, 0, DELETE_UDATA);
        // The reactor closes the descriptor next: kqueue must see the EV_DELETE first.
        flushChanges();
    }

    private int openFd(PosixHandle handle) throws IOException {
        ensureOpen();
        if (handle.fileno() < 0) {
            throw errno.exception("kevent", ebadf);
        }
        return handle.fileno();
    }

    /** Queues an add or delete of one filter if its bit differs between the two interests. */
    private void change(int fd, short filter, int bit, int from, int to, long token) throws IOException {
        if ((from & bit) == (to & bit)) {
            return;
        }
        if (changeCount == changes.capacity()) {
            flushChanges();
        }
        boolean add = (to & bit) != 0;
        changes.put(changeCount++, fd, filter, add ? EV_ADD : EV_DELETE, 0, 0, add ? token : DELETE_UDATA);
    }

    /**
     * Applies the changes in the list now, without waiting: every change carries {@code EV_RECEIPT} and
     * the event list has exactly one slot per change, so kqueue applies them all, reports each in its
     * slot, and has no room left to hand out (and so consume) a pending event. Failed adds are kept for
     * the next {@link #poll} to report.
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
        int n = sys.kevent(kq, changes.address(), count, events.address(), count, timeouts.zero());
        if (n < 0) {
            throw errno.exception("kevent", -n);
        }
        for (int i = 0; i < n; i++) {
            if ((events.flags(i) & EV_ERROR) != 0 && events.data(i) != 0 && events.udata(i) >= 0) {
                merge.failLater(events.ident(i), events.udata(i), addFailed(i));
            }
        }
    }

    @Override
    public int poll(long timeoutNanos, ReadySink sink) throws IOException {
        ensureOpen();
        boolean failures = merge.failuresWaiting() > 0;
        merge.takeFailures();
        long timeoutArg = timeouts.forNanos(failures ? 0 : timeoutNanos);
        int count = changeCount;
        changeCount = 0;
        // With nothing to change, the narrower call, which a binding may make without capturing errno
        // (Kqueue.waitForEvents); KeventTimeouts only ever builds valid timespecs, as it requires.
        int n = count == 0 ? sys.waitForEvents(kq, events.address(), events.capacity(), timeoutArg)
                : sys.kevent(kq, changes.address(), count, events.address(), events.capacity(), timeoutArg);
        if (n < 0) {
            if (n != -eintr) {
                throw errno.exception("kevent", -n);
            }
            // A signal. The changes were applied before the wait began; the reactor polls again.
            n = 0;
        }
        for (int i = 0; i < n; i++) {
            collect(i);
        }
        if (n == events.capacity() && n < MAX_EVENTS) {
            events = new KeventArray(layout, n * 2);
        }
        return merge.drainTo(sink);
    }

    /** Turns event {@code i} into ready bits for its token. */
    private void collect(int i) {
        short filter = events.filter(i);
        int flags = events.flags(i);
        long token = events.udata(i);
        if ((flags & EV_ERROR) != 0) {
            if (events.data(i) != 0 && token >= 0) {
                merge.add(events.ident(i), token, ERROR, addFailed(i));
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
        SocketError error = null;
        int fflags = events.fflags(i);
        if ((flags & EV_EOF) != 0 && fflags != 0) {
            bits |= HANGUP | ERROR;
            error = SocketError.forName(errno.name(fflags));
            if (error == SocketError.OTHER) {
                // An error Twine has no rule for (the project's emulation says EIO: "pending, read
                // SO_ERROR") is left in the socket for the read or finishConnect to report.
                error = null;
            }
        }
        merge.add(events.ident(i), token, bits, error);
    }

    /** An add in the change list failed ({@code EV_ERROR} with the errno in {@code data}). */
    private SocketError addFailed(int i) {
        String name = errno.name((int) events.data(i));
        LOG.log(Level.WARNING, () -> "kevent could not watch descriptor " + events.ident(i) + ": " + name);
        return SocketError.forName(name);
    }

    @Override
    public void wakeup() {
        // The lock keeps close() and wakeup() apart, so a wake-up never reaches a descriptor number
        // that close() released and the kernel gave to someone else.
        synchronized (wakeLock) {
            if (!kqClosed) {
                int n = sys.kevent(kq, wakeChange.address(), 1, 0, 0, timeouts.zero());
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
        changeCount = 0;
        merge.clear();
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
