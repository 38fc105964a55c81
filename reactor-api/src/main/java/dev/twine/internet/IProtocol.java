package dev.twine.internet;

import dev.twine.defer.Failure;
import java.nio.ByteBuffer;

/**
 * The application side of a connection (Twisted's {@code IProtocol}, semantics.md §1.9). All calls arrive on the
 * reactor thread, in the order {@code makeConnection} (which calls {@code connectionMade}),
 * {@code dataReceived}*, {@code connectionLost} (exactly once).
 */
public interface IProtocol {
    /** Attaches the transport and calls {@link #connectionMade()}. */
    void makeConnection(ITransport transport);

    /** The connection is up. */
    void connectionMade();

    /**
     * Bytes arrived. Chunk boundaries are arbitrary: protocols must cope with any split.
     *
     * <p>Twine's decision, for zero-copy reads: {@code data} is a read-only view valid only during
     * this call; copy what you keep. {@link Protocol} turns it into a {@code byte[]} for you.
     */
    void dataReceived(ByteBuffer data);

    /** The connection is gone; {@code reason} is {@code ConnectionDone} for a clean close. */
    void connectionLost(Failure reason);
}
