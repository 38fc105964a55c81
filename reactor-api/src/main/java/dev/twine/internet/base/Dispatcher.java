package dev.twine.internet.base;

import dev.twine.defer.Failure;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IHalfCloseableDescriptor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Main;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionFdescWentAway;
import dev.twine.internet.error.SocketErrors;
import dev.twine.spi.Poller;
import dev.twine.spi.SocketError;

/**
 * Turns readiness into {@code doRead}/{@code doWrite} calls and disconnects: Twisted's
 * {@code _PollLikeMixin._doReadOrWrite} and {@code _disconnectSelectable} ({@code posixbase.py:82, 439},
 * semantics.md §1.4).
 *
 * <p>One instance lives as long as its reactor and is the {@link Poller.ReadySink} for every poll. The
 * path from {@link #ready} through a {@code doRead}/{@code doWrite} that returns normally allocates
 * nothing: the token leads to the registration by one array index, and the two common reasons have
 * shared {@link Failure}s.
 *
 * <p>Reactor thread only, never re-entrant (the poller never calls the sink from inside a callback).
 */
final class Dispatcher implements Poller.ReadySink {
    private static final Failure CONNECTION_DONE = new Failure(Main.CONNECTION_DONE);
    private static final Failure CONNECTION_LOST = new Failure(Main.CONNECTION_LOST);
    private static final int DISCONNECTED = Poller.HANGUP | Poller.ERROR;

    private final DescriptorSet<?> set;
    private final LoopMonitor monitor;

    Dispatcher(DescriptorSet<?> set, LoopMonitor monitor) {
        this.set = set;
        this.monitor = monitor;
    }

    /**
     * One report from the poller. An event whose registration was released earlier in this batch is stale
     * and dropped; the bits are masked with the interest wanted now, so a direction removed by an earlier
     * callback of the batch is not dispatched either (semantics.md §1.4).
     */
    @Override
    public void ready(long token, int readyOps, SocketError error) {
        // The first report after a wait begins the loop pass (LoopMonitor): later ones only compare.
        monitor.wokeUp();
        Registration<?> reg = set.resolve(token);
        if (reg == null) {
            return;
        }
        int ops = reg.reportable(readyOps);
        if (ops != 0 || error != null) {
            monitor.dispatching(reg.reader != null ? reg.reader : reg.writer);
            dispatch(reg, ops, error);
            // Timers and thread calls that follow are not this descriptor's doing.
            monitor.dispatching(null);
        }
    }

    /**
     * Twisted's {@code _doReadOrWrite}, in its order:
     * <ol>
     *   <li>an error the OS delivered with the event (kqueue's {@code fflags} with {@code EV_EOF}, AFD's
     *       {@code ABORT}): the connection is lost at once with a {@code ConnectionLost} naming it, as
     *       Twisted's kqueue reactor does ({@code kqreactor.py _doWriteOrRead}); reading first could
     *       meet a clean end of stream, since the OS may have cleared the error already (libkqueue does);</li>
     *   <li>hang-up or error without READ on a {@link ReadsSocketErrors} reader (a UDP port): {@code doRead()},
     *       which reads the queued socket error;</li>
     *   <li>hang-up or error without READ: every pending byte has been read, so the connection is over:
     *       {@code CONNECTION_DONE} if the handle has a reader (it may be a half-close), else
     *       {@code CONNECTION_LOST};</li>
     *   <li>a handle that was closed while registered: {@code ConnectionFdescWentAway};</li>
     *   <li>READ: {@code doRead()}; then, only if that gave no reason, WRITE: {@code doWrite()} if a writer
     *       is still registered (the read may have removed it).</li>
     * </ol>
     * An exception from {@code doRead}/{@code doWrite} is logged and becomes the reason.
     */
    void dispatch(Registration<?> reg, int ops, SocketError error) {
        IReadDescriptor reader = reg.reader;
        IFileDescriptor selectable;
        Throwable why = null;
        boolean inRead = false;
        if (error != null) {
            selectable = reader != null ? reader : reg.writer;
            why = SocketErrors.reportedWithEvent(error);
        } else if ((ops & DISCONNECTED) != 0 && (ops & Poller.READ) == 0 && reader instanceof ReadsSocketErrors) {
            // A datagram socket's error is read, not an end (see ReadsSocketErrors).
            selectable = reader;
            try {
                why = reader.doRead();
                inRead = true;
            } catch (Throwable t) {
                ReactorLog.error("Unhandled error in doRead", reader, t);
                why = t;
            }
        } else if ((ops & DISCONNECTED) != 0 && (ops & Poller.READ) == 0) {
            if (reader != null) {
                selectable = reader;
                why = Main.CONNECTION_DONE;
                inRead = true;
            } else {
                selectable = reg.writer;
                why = Main.CONNECTION_LOST;
            }
        } else if (!reg.handle.isOpen()) {
            selectable = reader != null ? reader : reg.writer;
            why = new ConnectionFdescWentAway("handle closed while registered with the reactor");
        } else {
            selectable = reader;
            if ((ops & Poller.READ) != 0 && reader != null) {
                try {
                    why = reader.doRead();
                    inRead = true;
                } catch (Throwable t) {
                    ReactorLog.error("Unhandled error in doRead", reader, t);
                    why = t;
                }
            }
            if (why == null && (ops & Poller.WRITE) != 0) {
                IWriteDescriptor writer = reg.writer;
                if (writer != null) {
                    selectable = writer;
                    inRead = false;
                    try {
                        why = writer.doWrite();
                    } catch (Throwable t) {
                        ReactorLog.error("Unhandled error in doWrite", writer, t);
                        why = t;
                    }
                }
            }
        }
        if (why != null && selectable != null) {
            disconnect(selectable, why, inRead);
        }
    }

    /**
     * Twisted's {@code _disconnectSelectable}: always stop reading; a clean EOF read by a
     * half-closeable descriptor ({@code why} exactly of class {@link ConnectionDone}, as Twisted compares
     * {@code why.__class__}) only closes the read side, and the descriptor stays a writer; anything else
     * removes the writer too and calls {@code connectionLost}. Exceptions from those callbacks are logged.
     */
    void disconnect(IFileDescriptor selectable, Throwable why, boolean inRead) {
        if (selectable instanceof IReadDescriptor r) {
            set.removeReader(r);
        }
        Failure reason = failureFor(why);
        if (inRead && why.getClass() == ConnectionDone.class && selectable instanceof IHalfCloseableDescriptor h) {
            try {
                h.readConnectionLost(reason);
            } catch (Throwable t) {
                ReactorLog.error("Unhandled error in readConnectionLost", selectable, t);
            }
            return;
        }
        if (selectable instanceof IWriteDescriptor w) {
            set.removeWriter(w);
        }
        try {
            selectable.connectionLost(reason);
        } catch (Throwable t) {
            ReactorLog.error("Unhandled error in connectionLost", selectable, t);
        }
    }

    private static Failure failureFor(Throwable why) {
        if (why == Main.CONNECTION_DONE) {
            return CONNECTION_DONE;
        }
        if (why == Main.CONNECTION_LOST) {
            return CONNECTION_LOST;
        }
        return new Failure(why);
    }
}
