package dev.twine.internet;

/** A sink for bytes that can be fed by a producer (Twisted's {@code IConsumer}, semantics.md §1.8). */
public interface IConsumer {
    /**
     * Registers {@code producer}. A pull producer ({@code streaming == false}) is resumed at once.
     *
     * @throws IllegalStateException if a producer is already registered (Twisted: RuntimeError)
     */
    void registerProducer(IProducer producer, boolean streaming);

    /** Unregisters the producer; a pending {@code loseConnection} can then complete. */
    void unregisterProducer();

    /** Buffers {@code data} (copied) for writing. */
    void write(byte[] data);
}
