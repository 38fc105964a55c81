package dev.twine.internet.group;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the member that a handed-off connection or a new client connection goes to: round robin.
 *
 * <p>Why not least-loaded: a load figure read from another reactor's thread is already stale when the
 * connection arrives there, and every connection accepted in one burst would go to the same "least
 * loaded" member before its count could rise (the herding that least-connections balancers guard against
 * with randomness). Round robin spreads a burst evenly, costs one atomic increment, and, for the
 * many-similar-connections servers a group is for, balances as well over time (semantics.md §5.2).
 *
 * <p>Thread-safe, lock-free.
 */
final class MemberChooser {
    private final int size;
    private final AtomicInteger next = new AtomicInteger();

    MemberChooser(int size) {
        this.size = size;
    }

    /** The index of the next member, cycling through {@code 0 .. size-1}. */
    int next() {
        return Math.floorMod(next.getAndIncrement(), size);
    }
}
