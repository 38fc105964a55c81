package dev.twine.spi;

import java.io.IOException;

/**
 * A level-triggered readiness poller over one backend's {@link SelectableHandle}s.
 *
 * <p><b>Interest.</b> {@link #setInterest} records the wanted event set for a handle; a poller may
 * apply the change immediately or queue it and apply it just before the next wait, but the set in
 * force during {@link #poll} is always the latest one given. Setting the interest it already has is
 * free (no system call). Interest {@code 0} removes the handle from the OS poller entirely; it must be
 * given before the handle is closed, and the poller never touches a handle (or its descriptor
 * number) again after that.
 *
 * <p><b>Readiness</b> is level-triggered: while a handle is readable and {@link #READ} is wanted, every
 * {@link #poll} reports it again. {@link #poll} reports each ready handle at most once per call, with
 * all its ready bits together, and never reports a handle whose interest is {@code 0}.
 *
 * <p><b>Threading.</b> All methods are called on the reactor thread, except {@link #wakeup()}, which is
 * thread-safe and may be called from anywhere, at any time, even after {@link #close()}.
 */
public interface Poller extends AutoCloseable {

    /** Interest and ready bit: the handle can be read (or accepted from) without blocking. */
    int READ = 1;
    /** Interest and ready bit: the handle can be written (or its connect has finished). */
    int WRITE = 4;
    /** Ready bit only: the peer hung up or the descriptor is closed (EPOLLHUP, EV_EOF, AFD_POLL_DISCONNECT). */
    int HANGUP = 8;
    /** Ready bit only: an error is pending on the descriptor (EPOLLERR, EV_ERROR, AFD_POLL_ABORT). */
    int ERROR = 16;
    /** Ready bit only: the peer shut its write side down (EPOLLRDHUP); reading will see EOF. */
    int READ_HANGUP = 32;

    /**
     * Sets the interest for {@code handle} to {@code ops}, a combination of {@link #READ} and
     * {@link #WRITE}; {@code 0} deregisters. The handle must come from this backend's
     * {@link SocketProvider}.
     *
     * @throws IllegalArgumentException if the handle belongs to another backend
     */
    void setInterest(SelectableHandle handle, int ops) throws IOException;

    /**
     * Waits for readiness and reports it to {@code sink}.
     *
     * @param timeoutNanos {@code 0} returns at once, negative waits until something is ready or
     *                     {@link #wakeup()} is called; a positive value is rounded up to the poller's
     *                     resolution (never down, so timers never fire early)
     * @return the number of handles reported
     */
    int poll(long timeoutNanos, ReadySink sink) throws IOException;

    /**
     * Makes a {@link #poll} that is blocked, or the next one to start, return promptly. Thread-safe.
     * The reactor calls this only when its loop may be asleep, so a poller need not gate it again.
     */
    void wakeup();

    /** Releases the OS poller and the wake-up mechanism. Handles themselves are not closed. */
    @Override
    void close() throws IOException;

    /** Receives readiness from {@link #poll}; called on the reactor thread, never re-entrantly. */
    @FunctionalInterface
    interface ReadySink {
        /**
         * @param handle   the ready handle
         * @param readyOps the ready bits ({@link #READ}, {@link #WRITE}, {@link #HANGUP},
         *                 {@link #ERROR}, {@link #READ_HANGUP})
         */
        void ready(SelectableHandle handle, int readyOps);
    }
}
