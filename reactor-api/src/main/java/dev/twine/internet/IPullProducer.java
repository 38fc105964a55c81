package dev.twine.internet;

/** A producer that writes only when asked (Twisted's {@code IPullProducer}). */
public interface IPullProducer extends IProducer {
    /** Produce one more chunk; called each time the consumer's buffer has drained. */
    void resumeProducing();
}
