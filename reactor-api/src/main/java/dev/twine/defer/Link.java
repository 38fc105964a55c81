package dev.twine.defer;

/**
 * One entry of a {@link Deferred}'s callback list: a (callback, errback) pair, or one of the two internal
 * markers that hand a result to another Deferred without recursion (semantics.md §1.11).
 *
 * <p>The entries form a singly linked list owned by the Deferred, so adding a callback allocates only
 * this node. A {@code null} callback or errback means "pass the result through" (Twisted's
 * {@code passthru}), which the loop skips without calling anything.
 */
final class Link {
    /** An ordinary (callback, errback) pair. */
    static final byte CALL = 0;
    /**
     * Twisted's {@code _CONTINUE}: {@link #target} returned this Deferred from a callback and is paused
     * waiting for its result. The loop moves the result to the target, unpauses it and processes it next.
     */
    static final byte CONTINUE = 1;
    /**
     * {@link Deferred#chainDeferred}: fire {@link #target} with the current result, which becomes
     * {@code null} here. Twisted adds {@code (d.callback, d.errback)}, which recurses once per link; the
     * loop fires the target itself and processes it next instead.
     */
    static final byte CHAIN = 2;

    final byte kind;
    final Deferred.Callback<Object, Object> callback;
    final Deferred.Callback<Object, Object> errback;
    final Deferred<?> target;
    Link next;

    private Link(byte kind, Deferred.Callback<Object, Object> callback, Deferred.Callback<Object, Object> errback,
            Deferred<?> target) {
        this.kind = kind;
        this.callback = callback;
        this.errback = errback;
        this.target = target;
    }

    static Link call(Deferred.Callback<Object, Object> callback, Deferred.Callback<Object, Object> errback) {
        return new Link(CALL, callback, errback, null);
    }

    static Link continueTo(Deferred<?> chainee) {
        return new Link(CONTINUE, null, null, chainee);
    }

    static Link chainTo(Deferred<?> target) {
        return new Link(CHAIN, null, null, target);
    }
}
