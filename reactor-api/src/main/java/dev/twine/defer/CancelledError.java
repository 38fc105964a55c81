package dev.twine.defer;

import java.util.concurrent.CancellationException;

/**
 * The failure a {@link Deferred} errbacks with when it is cancelled and its canceller did not fire it
 * (Twisted's {@code defer.CancelledError}, semantics.md §1.11).
 *
 * <p>It extends {@link CancellationException} so that a {@link java.util.concurrent.CompletableFuture}
 * completed with it reports {@code isCancelled()}, and so that code written against
 * {@code java.util.concurrent} recognises a cancelled Deferred.
 */
public class CancelledError extends CancellationException {
    private static final long serialVersionUID = 1L;

    public CancelledError() {
        super();
    }

    public CancelledError(String message) {
        super(message);
    }

    /** With {@code cause}, for example the {@link CancellationException} of a cancelled future. */
    public CancelledError(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
