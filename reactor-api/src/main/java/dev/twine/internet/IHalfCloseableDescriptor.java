package dev.twine.internet;

import dev.twine.defer.Failure;

/**
 * A descriptor that can survive one direction closing (Twisted's {@code IHalfCloseableDescriptor}).
 * When {@code doRead} returns exactly {@link Main#CONNECTION_DONE}, the reactor removes it as a reader
 * and calls {@link #readConnectionLost} instead of {@code connectionLost}; it stays a writer.
 */
public interface IHalfCloseableDescriptor {
    /** The write side was shut down and the buffer flushed. */
    void writeConnectionLost(Failure reason);

    /** The peer shut its write side: no more data will be read. */
    void readConnectionLost(Failure reason);
}
