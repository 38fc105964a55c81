package dev.twine.testing.fuzz;

import java.util.List;

/**
 * One fresh instance of a byte parser under test, fed chunk by chunk as a connection would feed it. An
 * adapter of a few lines wraps each parser (a {@code LineReceiver} on a {@code StringTransport}, a request
 * scanner) so that {@link ParserProperty} can check it.
 *
 * <p>The adapter turns the parser's outputs into {@link #messages()}: each complete message, and each
 * documented protocol error (a line too long, a malformed header) as a message of its own, so that the
 * error's position in the stream is compared too. After a documented error the parser usually closes the
 * connection; the adapter reports that with {@link #closed()} and the property stops feeding, as a real
 * transport stops delivering. Any exception {@link #feed} lets escape is an undocumented failure.
 *
 * <p>Single-threaded; one instance per feeding.
 *
 * @param <M> the message type; compared with {@code equals}
 */
public interface ParserTarget<M> extends AutoCloseable {
    /** Hands {@code chunk} to the parser, as one {@code dataReceived} call. */
    void feed(byte[] chunk);

    /** The messages (and documented errors) produced so far, in order. */
    List<M> messages();

    /**
     * The bytes the parser holds right now, waiting for the rest of a message; {@code 0} for a parser that
     * keeps no bytes. Checked against the bound after every chunk while the connection is open.
     */
    long buffered();

    /** True once the parser closed its connection (a documented protocol error); no more is fed. */
    boolean closed();

    /**
     * Releases what the adapter holds outside the heap (a temporary file); called once after each feeding.
     * Nothing by default.
     */
    @Override
    default void close() {
    }
}
