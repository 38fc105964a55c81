package dev.twine.internet;

/** A source of data for an {@link IConsumer} (Twisted's {@code IProducer}). */
public interface IProducer {
    /** Stop producing for good: the consumer is going away. */
    void stopProducing();
}
