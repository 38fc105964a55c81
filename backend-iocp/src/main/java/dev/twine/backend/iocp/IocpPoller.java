package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.Afd;
import dev.twine.nativeio.windows.CompletionPort;
import dev.twine.nativeio.windows.WinLayout;
import dev.twine.nativeio.windows.Win32;
import dev.twine.spi.Poller;
import dev.twine.spi.ReadyBatch;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A level-triggered {@link Poller} on a completion port, with readiness from {@code IOCTL_AFD_POLL}
 * (the technique of wepoll and the JDK's Windows selector; native.md §4).
 *
 * <p><b>How readiness is obtained.</b> Each registered socket has one poll request in flight at a time
 * ({@link AfdPollRequest}): an {@code IOCTL_AFD_POLL} on an AFD helper handle, asking for the
 * {@code AFD_POLL_*} bits of its interest ({@link AfdEvents}). The request completes once, when any of those
 * conditions holds (at once if it already holds), and its packet is dequeued in batches by
 * {@code GetQueuedCompletionStatusEx}. Polling is one-shot, so level-triggered behaviour is made by
 * re-submitting: after a completion is reported, the request is queued and re-submitted just before the
 * next wait, after the reactor has acted on the event. If the socket is still ready then, the new poll
 * completes at once and the handle is reported again.
 *
 * <p><b>Interest changes</b> are queued by {@link #register} and {@link #reregister} and applied before
 * the wait, as the JDK's selectors and wepoll do: re-submitting AFD polls is this OS's batching, so the
 * requests are the one piece of state this poller keeps (on the handle, {@link WinsockHandle#pollRequest}).
 * A request in flight is cancelled ({@code CancelIoEx}) only when the new interest asks for a bit it does
 * not cover; when interest shrinks it is left in flight and its result filtered.
 * {@link #deregister} detaches the request from the handle at once, so the handle is never reported again;
 * the request's native record stays allocated until the packet of the cancelled poll has been dequeued,
 * since the kernel writes it until then.
 *
 * <p><b>Completion statuses.</b> {@code STATUS_CANCELLED} means our own cancellation (re-submit if still
 * wanted); {@code STATUS_TIMEOUT} or zero handles means no events (never expected: polls have no timeout);
 * any other failure is reported as {@link #ERROR} {@code |} {@link #HANGUP}. {@code AFD_POLL_ABORT} (a reset)
 * is reported with {@link SocketError#ECONNRESET}, which the reactor acts on at once: Wine's {@code recv}
 * after a reset returns end of stream instead of the error (native.md §5.1). {@code AFD_POLL_LOCAL_CLOSE}
 * means the socket was closed while polled, and the request is dropped silently.
 *
 * <p><b>Wake-up</b> posts one packet with a reserved completion key ({@code PostQueuedCompletionStatus});
 * at most one is outstanding at a time.
 *
 * <p>Threading: everything on the reactor thread except {@link #wakeup()}, which may be called from any
 * thread at any time, even after {@link #close()}.
 */
final class IocpPoller implements Poller<WinsockHandle> {
    private static final System.Logger LOG = System.getLogger(IocpPoller.class.getName());

    /** Completion key of packets from AFD helper handles. */
    private static final long KEY_AFD = 1;
    /** Completion key of wake-up packets. */
    private static final long KEY_WAKEUP = 2;
    /** Packets dequeued per {@code GetQueuedCompletionStatusEx}. */
    private static final int BATCH = 256;
    /** How long {@link #close()} waits for cancelled polls to come back before leaking their memory. */
    private static final long CLOSE_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Win32 win;
    private final CompletionPort port;
    private final PollRequestPool pool;

    private AfdPollRequest[] updates = new AfdPollRequest[64];
    private int updateCount;
    /** Requests whose submission failed; reported as errors by the next {@link #poll}. */
    private AfdPollRequest[] failed = new AfdPollRequest[8];
    private int failedCount;
    /** The reports of one batch of packets, handed over once every request of the batch is re-queued. */
    private final ReadyBatch ready = new ReadyBatch(BATCH);

    private final AtomicBoolean wakeupPosted = new AtomicBoolean();
    private final Object closeLock = new Object();
    private boolean closed;

    IocpPoller(Win32 win) throws IOException {
        this.win = win;
        this.port = CompletionPort.create(win, BATCH);
        this.pool = new PollRequestPool(win, port, KEY_AFD);
    }

    @Override
    public void register(WinsockHandle h, long token, int ops) throws IOException {
        if (!h.isOpen()) {
            throw new SocketErrorException(SocketError.EBADF, "register: socket is closed");
        }
        AfdPollRequest r = pool.acquire();
        r.handle = h;
        h.pollRequest = r;
        r.token = token;
        r.interest = ops;
        enqueue(r);
    }

    @Override
    public void reregister(WinsockHandle h, long token, int previousOps, int ops) {
        AfdPollRequest r = h.pollRequest;
        r.token = token;
        r.interest = ops;
        enqueue(r);
    }

    /** Detaches the request at once, so the handle is never reported again; see the class comment. */
    @Override
    public void deregister(WinsockHandle h, int previousOps) {
        AfdPollRequest r = h.pollRequest;
        if (r != null) {
            r.detach();
            enqueue(r);
        }
    }

    @Override
    public int poll(long timeoutNanos, ReadySink sink) throws IOException {
        applyUpdates();
        int timeout = failedCount > 0 ? 0 : millis(timeoutNanos);
        int n = port.dequeue(timeout);
        collectFailures();
        for (int i = 0; i < n; i++) {
            if (port.key(i) == KEY_WAKEUP) {
                wakeupPosted.set(false);
                continue;
            }
            AfdPollRequest r = pool.byAddress(port.overlapped(i));
            if (r == null || r.state == AfdPollRequest.IDLE) {
                LOG.log(System.Logger.Level.WARNING, "ignoring a packet that matches no poll: key={0}", port.key(i));
                continue;
            }
            completed(r);
        }
        return ready.drainTo(sink);
    }

    /** Records one dequeued completion: state, re-submission, and what to report. */
    private void completed(AfdPollRequest r) {
        r.state = AfdPollRequest.IDLE;
        if (r.handle == null) {
            pool.release(r);
            return;
        }
        int status = Afd.status(r.block, r.offset);
        int ops;
        SocketError error = null;
        if (status == WinLayout.STATUS_CANCELLED || status == WinLayout.STATUS_TIMEOUT) {
            ops = 0;
        } else if (status < 0) {
            // An NT error status (the "severity" bits are 11): the poll itself failed.
            LOG.log(System.Logger.Level.DEBUG, "AFD poll on {0} failed with NTSTATUS {1}", r.handle, Afd.hex(status));
            ops = ERROR | HANGUP;
        } else if (Afd.handlesFired(r.block, r.offset) == 0) {
            ops = 0;
        } else {
            int events = Afd.eventsFired(r.block, r.offset);
            if ((events & WinLayout.AFD_POLL_LOCAL_CLOSE) != 0) {
                // Closed under us without deregistering first; nothing more will ever be reported for it.
                r.detach();
                pool.release(r);
                return;
            }
            ops = AfdEvents.reportable(AfdEvents.readyOps(events), r.interest);
            error = AfdEvents.error(events);
        }
        enqueue(r);
        if (ops != 0) {
            ready.add(r.token, ops, error);
        }
    }

    /**
     * Turns this round's failed submissions (still attached: no user code ran since) into error reports,
     * and queues them again so the next poll retries while the interest lasts, like a persistent EPOLLERR.
     */
    private void collectFailures() {
        for (int i = 0; i < failedCount; i++) {
            AfdPollRequest r = failed[i];
            failed[i] = null;
            enqueue(r);
            ready.add(r.token, ERROR | HANGUP, null);
        }
        failedCount = 0;
    }

    /** Brings every queued request's poll in line with its interest. */
    private void applyUpdates() throws IOException {
        int count = updateCount;
        for (int i = 0; i < count; i++) {
            AfdPollRequest r = updates[i];
            updates[i] = null;
            r.queued = false;
            update(r);
        }
        // update() never enqueues, so nothing was added behind the loop.
        updateCount = 0;
    }

    private void update(AfdPollRequest r) {
        if (r.handle != null && !r.handle.isOpen()) {
            // Closed without deregistering; the pending poll (if any) completes with LOCAL_CLOSE.
            r.detach();
        }
        if (r.handle == null) {
            if (r.state == AfdPollRequest.PENDING) {
                r.cancel(win);
            } else if (r.state == AfdPollRequest.IDLE) {
                pool.release(r);
            }
            return;
        }
        int mask = AfdEvents.requestMask(r.interest);
        if (r.state == AfdPollRequest.IDLE) {
            submit(r, mask);
        } else if (r.state == AfdPollRequest.PENDING && (mask & ~r.submittedMask) != 0) {
            // The poll in flight does not cover the new interest: cancel, and re-submit when its packet
            // (STATUS_CANCELLED, or a real result that raced the cancel) is dequeued.
            r.cancel(win);
        }
    }

    private void submit(AfdPollRequest r, int mask) {
        int failure = r.submit(win, mask);
        if (failure == 0) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "submitting an AFD poll for {0} failed: NTSTATUS {1}",
                r.handle, Afd.hex(failure));
        if (failedCount == failed.length) {
            failed = Arrays.copyOf(failed, failedCount * 2);
        }
        failed[failedCount++] = r;
    }

    private void enqueue(AfdPollRequest r) {
        if (r.queued) {
            return;
        }
        r.queued = true;
        if (updateCount == updates.length) {
            updates = Arrays.copyOf(updates, updateCount * 2);
        }
        updates[updateCount++] = r;
    }

    /** How many request records exist (free or in use); for tests of recycling. */
    int poolSize() {
        return pool.all().length;
    }

    /** Poller timeout to a {@code DWORD} of milliseconds, rounded up so timers never fire early. */
    static int millis(long timeoutNanos) {
        if (timeoutNanos < 0) {
            return WinLayout.INFINITE;
        }
        if (timeoutNanos == 0) {
            return 0;
        }
        long ms = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
        // INFINITE is 0xFFFFFFFF; stay below it and below the sign bit (about 24 days).
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    @Override
    public void wakeup() {
        if (!wakeupPosted.compareAndSet(false, true)) {
            return;
        }
        synchronized (closeLock) {
            if (closed || !port.post(KEY_WAKEUP, 0)) {
                wakeupPosted.set(false);
            }
        }
    }

    /**
     * Cancels every poll in flight, waits (bounded) for their packets so their records are no longer
     * written by the kernel, then closes the helpers and the port and frees the records. If some packet
     * never comes, the records are deliberately leaked rather than freed under the kernel's feet.
     */
    @Override
    public void close() throws IOException {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        int inFlight = pool.cancelAndDrain(CLOSE_DRAIN_NANOS);
        for (long helper : pool.helpers()) {
            win.kernel32().CloseHandle(helper);
        }
        port.close();
        if (inFlight == 0) {
            pool.freeMemory();
        } else {
            LOG.log(System.Logger.Level.WARNING,
                    "{0} AFD polls did not return after cancellation; leaking their records", inFlight);
        }
    }
}
