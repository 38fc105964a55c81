package dev.twine.internet;

/**
 * A producer that writes on its own until paused (Twisted's {@code IPushProducer}). A transport pauses
 * a streaming producer when more than 64 KiB is buffered and resumes it when the buffer has drained.
 */
public interface IPushProducer extends IProducer {
    void pauseProducing();

    void resumeProducing();
}
