package dev.twine.internet;

import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionLost;

/**
 * The shared disconnect reasons that {@code doRead}/{@code doWrite} return (Twisted's
 * {@code twisted.internet.main}). They carry no stack trace: they are values, not events.
 */
public final class Main {
    /** A clean end: EOF from the peer, or a local {@code loseConnection} that flushed. */
    public static final ConnectionDone CONNECTION_DONE = ConnectionDone.shared("Connection was closed cleanly.");
    /** An unclean end: a reset or another socket error. */
    public static final ConnectionLost CONNECTION_LOST = ConnectionLost.shared("Connection to the other side was lost in a non-clean fashion.");

    private Main() {
    }
}
