package dev.twine.defer;

import java.util.Objects;

/**
 * The first failure among the inputs of a {@link DeferredList} built with
 * {@link DeferredList.Option#FIRE_ON_ONE_ERRBACK}, or of {@link Deferred#gatherResults}
 * (Twisted's {@code defer.FirstError}, semantics.md §1.11).
 *
 * <p>The wrapped exception is also this exception's {@linkplain #getCause() cause}, so a logged
 * {@code FirstError} shows where the input really failed.
 */
public class FirstError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Failure subFailure;
    private final int index;

    /** The input at {@code index} failed with {@code subFailure}. */
    public FirstError(Failure subFailure, int index) {
        super("FirstError[#" + index + ", " + Objects.requireNonNull(subFailure, "subFailure").getBriefTraceback()
                + "]", subFailure.value());
        this.subFailure = subFailure;
        this.index = index;
    }

    /** The failure of the input Deferred. */
    public Failure subFailure() {
        return subFailure;
    }

    /** The position of the failed Deferred in the input list. */
    public int index() {
        return index;
    }
}
