package dev.twine.internet.tcp;

/**
 * Where a {@link Connection} is in its life: open, closing one or both directions, aborting, or gone.
 * The diagram and the event that causes each transition are in {@link Connection}'s class comment; this
 * type only names the states and answers, once each, the questions the connection asks of them.
 *
 * <p>The read side is not part of this state: pausing (the transport as a push producer) and the peer's
 * end of stream happen independently of how our side is closing, so the connection keeps those two
 * facts in their own fields.
 *
 * <p>Threading: values are immutable; the field holding the current state is touched on the reactor
 * thread only.
 */
enum ConnectionState {
    /** Reading and writing; no close was asked for. */
    OPEN,
    /**
     * {@code loseWriteConnection()} was accepted: writes are still buffered and sent, and the write side
     * is shut once the buffer has drained and no producer is registered (Twisted's
     * {@code _writeDisconnecting} before the flush, semantics.md §1.7).
     */
    WRITE_CLOSING,
    /**
     * Our write side is shut ({@code shutdown(SHUT_WR)} done, {@code writeConnectionLost()} told): writes
     * are dropped, reading goes on (Twisted's {@code _writeDisconnected}).
     */
    WRITE_CLOSED,
    /**
     * {@code loseConnection()} was accepted: reading has stopped for good, writes are still buffered and
     * sent, and the connection closes with {@code ConnectionDone} once the buffer has drained and no
     * producer is registered (Twisted's {@code disconnecting}, semantics.md §1.7-1.8).
     */
    CLOSING,
    /**
     * {@code abortConnection()} was accepted: the socket is already closed with a reset and
     * {@code connectionLost(ConnectionAborted)} is scheduled for a later iteration (Twisted's
     * {@code _aborting}).
     */
    ABORTING,
    /** {@code connectionLost} has run: the socket is closed and the protocol forgotten. Final. */
    CLOSED;

    /** True until {@code connectionLost} (Twisted's {@code connected}). */
    boolean isConnected() {
        return this != CLOSED;
    }

    /**
     * True while {@code write} buffers data: open, and while either close waits for its flush (writes made
     * after {@code loseConnection()} are still delivered, semantics.md §1.7).
     */
    boolean acceptsWrites() {
        return this == OPEN || this == WRITE_CLOSING || this == CLOSING;
    }

    /**
     * True while reading may (re)start: {@code loseConnection()}, an abort and the end of the connection
     * stop reading for good, shutting only our write side does not.
     */
    boolean mayRead() {
        return this == OPEN || this == WRITE_CLOSING || this == WRITE_CLOSED;
    }

    /**
     * True while a close waits for the buffer to drain and the producer to be unregistered, so the
     * connection must stay (or become again) a writer until the flush completes it.
     */
    boolean awaitsFlush() {
        return this == WRITE_CLOSING || this == CLOSING;
    }

    /** True once the socket is closed or reset, so nothing may be written to it any more. */
    boolean socketClosed() {
        return this == ABORTING || this == CLOSED;
    }
}
