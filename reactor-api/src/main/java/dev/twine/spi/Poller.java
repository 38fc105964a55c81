package dev.twine.spi;

import java.io.IOException;

/**
 * A level-triggered readiness poller over one backend's handles, in the shape of mio's
 * {@code Registry} ({@code register}/{@code reregister}/{@code deregister} with a token) and the JDK's
 * {@code EPoll} + {@code EPollSelectorImpl}.
 *
 * <h2>Tokens</h2>
 * The reactor registers each handle with a {@code token}, a non-negative {@code long} it chooses, and the
 * poller stores it where the OS keeps per-registration data ({@code epoll_data}, kevent {@code udata}, the
 * AFD poll request, {@code SelectionKey.attach}) and hands it back with every event. The reactor reaches
 * its record for the handle with that one value, and no table in the poller maps descriptors to handles.
 * Tokens are opaque to the poller; negative values are the poller's own (its wake-up, for instance).
 *
 * <h2>Interest</h2>
 * The reactor is the only owner of interest: it compares what it wants with what it last gave the poller
 * and calls these methods only for real changes, already batched. So the poller applies each call as it
 * comes (epoll, select), or, where the OS call itself batches, queues it for the next wait (kqueue's
 * change list rides in the waiting {@code kevent}; IOCP re-submits its AFD polls before dequeuing).
 * <ul>
 *   <li>{@link #register} starts watching a handle that is not registered, with non-zero interest;</li>
 *   <li>{@link #reregister} changes the interest (non-zero) of a registered handle;</li>
 *   <li>{@link #deregister} stops watching it, <em>at once</em>: the reactor closes the handle right after,
 *       and the OS must hear of the removal before the descriptor number can be reused. After it no later
 *       poll reports the token, and the poller never touches the handle again. (Reports already gathered
 *       for the poll in progress may still be handed over; the reactor recognises them as stale.)</li>
 * </ul>
 * {@code previousOps} is the interest the poller was last given for the handle; pollers whose OS needs the
 * difference (kqueue adds and deletes filters one by one) use it instead of keeping a table.
 *
 * <h2>Readiness</h2>
 * Level-triggered: while a handle is ready for a wanted direction, every {@link #poll} reports it again.
 * Each {@link #poll} reports a token at most once, with all its ready bits together. The bits, fixed for
 * every backend (the poller contract kit in {@code reactor-tck} checks them on each):
 * <table>
 *   <caption>Ready bits by condition</caption>
 *   <tr><th>condition</th><th>bits</th><th>error</th></tr>
 *   <tr><td>data to read, or a connection to accept (READ wanted)</td><td>{@link #READ}</td><td>null</td></tr>
 *   <tr><td>room to write, or a connect that succeeded (WRITE wanted)</td><td>{@link #WRITE}</td><td>null</td></tr>
 *   <tr><td>the peer shut its write side (READ wanted)</td>
 *       <td>{@link #READ} | {@link #READ_HANGUP}; {@link #READ} alone on select, whose OS does not say</td>
 *       <td>null</td></tr>
 *   <tr><td>the peer reset the connection (READ wanted)</td>
 *       <td>{@link #READ} | {@link #READ_HANGUP} | {@link #HANGUP} | {@link #ERROR}; {@link #READ} alone on
 *       select</td>
 *       <td>{@link SocketError#ECONNRESET} where the OS delivers it with the event (kqueue's
 *       {@code fflags}, AFD's {@code ABORT}); null on epoll and select, where the next read reports it</td></tr>
 *   <tr><td>a connect that was refused (WRITE wanted)</td>
 *       <td>{@link #WRITE} | {@link #HANGUP} | {@link #ERROR} (epoll, kqueue); {@link #WRITE} |
 *       {@link #ERROR} (IOCP); {@link #WRITE} (select)</td>
 *       <td>{@link SocketError#ECONNREFUSED} where the OS delivers it (kqueue); else null, and
 *       {@link StreamSocketHandle#finishConnect()} reports it</td></tr>
 * </table>
 * {@link #HANGUP} and {@link #ERROR} are reported whatever the interest, as epoll does; {@link #READ},
 * {@link #READ_HANGUP} and {@link #WRITE} only for a wanted direction. The reactor masks every report
 * with the interest it wants at the moment it dispatches, and drops reports whose token no longer names
 * a live registration, so a callback that changes or removes another handle earlier in the same batch is
 * always respected.
 *
 * <h2>Wake-up</h2>
 * {@link #wakeup()} makes a blocked {@link #poll}, or the next one to start, return promptly; the wake-up
 * is never reported to the sink.
 *
 * <h2>Threading</h2>
 * All methods are called on the reactor thread, except {@link #wakeup()}, which is thread-safe and may be
 * called from anywhere, at any time, even after {@link #close()}.
 *
 * @param <H> the backend's handle type, the same one its {@link SocketProvider} creates
 */
public interface Poller<H extends SelectableHandle> extends AutoCloseable {

    /** Interest and ready bit: the handle can be read (or accepted from) without blocking. */
    int READ = 1;
    /** Interest and ready bit: the handle can be written (or its connect has finished). */
    int WRITE = 4;
    /** Ready bit only: the connection is over in both directions (EPOLLHUP, write-filter EV_EOF, AFD ABORT). */
    int HANGUP = 8;
    /** Ready bit only: an error is pending on the handle (EPOLLERR, EV_EOF with an error, AFD ABORT/CONNECT_FAIL). */
    int ERROR = 16;
    /** Ready bit only: the peer shut its write side (EPOLLRDHUP, read-filter EV_EOF, AFD DISCONNECT). */
    int READ_HANGUP = 32;

    /**
     * Starts watching {@code handle} for {@code ops}.
     *
     * @param token the reactor's token for this registration, {@code >= 0}, handed back with each event
     * @param ops   {@link #READ}, {@link #WRITE} or both; never {@code 0}
     * @throws SocketErrorException if the OS refuses, e.g. {@link SocketError#EBADF} for a closed handle
     */
    void register(H handle, long token, int ops) throws IOException;

    /**
     * Changes the interest of a registered handle from {@code previousOps} to {@code ops} (both non-zero
     * and different). {@code token} is the one the handle was registered with: a registration keeps its
     * token for life (kqueue, for one, stores it per filter and would otherwise split the handle's events
     * between two tokens).
     */
    void reregister(H handle, long token, int previousOps, int ops) throws IOException;

    /**
     * Stops watching {@code handle} now; see the class comment. A handle the OS already dropped (closed
     * behind the reactor's back) is not an error.
     *
     * @param previousOps the interest it had
     */
    void deregister(H handle, int previousOps) throws IOException;

    /**
     * Waits for readiness and reports it to {@code sink}, one call per ready token.
     *
     * @param timeoutNanos {@code 0} returns at once, negative waits until something is ready or
     *                     {@link #wakeup()} is called; a positive value is rounded up to the poller's
     *                     resolution (never down, so timers never fire early)
     * @return the number of reports made
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
         * @param token    the token the handle was registered with
         * @param readyOps the ready bits ({@link #READ}, {@link #WRITE}, {@link #HANGUP}, {@link #ERROR},
         *                 {@link #READ_HANGUP})
         * @param error    the socket error the OS delivered with the event, or {@code null}
         */
        void ready(long token, int readyOps, SocketError error);
    }
}
