package dev.twine.internet;

/**
 * A protocol that keeps the connection open when one direction closes (Twisted's
 * {@code IHalfCloseableProtocol}). If one of these methods throws, the connection is closed fully.
 */
public interface IHalfCloseableProtocol {
    /** The peer shut its write side; the protocol may still write and must eventually loseConnection. */
    void readConnectionLost();

    /** Our {@code loseWriteConnection} completed: the write side is shut. */
    void writeConnectionLost();
}
