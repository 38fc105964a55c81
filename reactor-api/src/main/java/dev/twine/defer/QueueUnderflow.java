package dev.twine.defer;

/**
 * {@link DeferredQueue#get} on a queue that already has its maximum number of waiting getters (Twisted's
 * {@code defer.QueueUnderflow}). Thrown synchronously.
 */
public class QueueUnderflow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueUnderflow() {
        super();
    }

    public QueueUnderflow(String message) {
        super(message);
    }
}
