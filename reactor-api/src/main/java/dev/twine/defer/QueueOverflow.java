package dev.twine.defer;

/**
 * {@link DeferredQueue#put} on a queue whose buffer is full (Twisted's {@code defer.QueueOverflow}).
 * Thrown synchronously.
 */
public class QueueOverflow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueOverflow() {
        super();
    }

    public QueueOverflow(String message) {
        super(message);
    }
}
