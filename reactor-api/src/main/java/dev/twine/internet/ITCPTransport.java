package dev.twine.internet;

/** A TCP connection (Twisted's {@code ITCPTransport}, semantics.md §1.7). Reactor thread only. */
public interface ITCPTransport extends ITransport {
    /**
     * Half-closes: after the buffer drains, {@code shutdown(SHUT_WR)} and, for an
     * {@link IHalfCloseableProtocol}, {@code writeConnectionLost()}. Reading continues.
     */
    void loseWriteConnection();

    /**
     * Closes at once with a reset: buffered data is discarded, and {@code connectionLost(ConnectionAborted)}
     * follows on a later iteration (never re-entrantly). Harmless if repeated or after loseConnection.
     */
    void abortConnection();

    boolean getTcpNoDelay();

    void setTcpNoDelay(boolean enabled);

    boolean getTcpKeepAlive();

    void setTcpKeepAlive(boolean enabled);
}
