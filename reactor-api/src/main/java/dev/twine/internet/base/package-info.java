/**
 * The reactor loop: {@link dev.twine.internet.base.ReactorBase} and its parts, one concern per class.
 *
 * <ul>
 *   <li>{@code TimerQueue} and {@code DelayedCall}: {@code callLater} on a monotonic clock, a binary heap
 *       with FIFO ties, lazy cancellation with compaction (semantics.md §1.2);</li>
 *   <li>{@code ThreadCallQueue}: the lock-free {@code callFromThread} queue and the gate that wakes the
 *       poller only when the loop sleeps (semantics.md §1.3);</li>
 *   <li>{@code SystemEvents} and {@code ThreePhaseEvent}: before/during/after triggers, with Deferreds from
 *       before-triggers awaited while the loop runs (semantics.md §1.1);</li>
 *   <li>{@code ReactorThreadPool}: the lazily created pool behind {@code callInThread} (semantics.md §1.3);</li>
 *   <li>{@code DescriptorSet}, {@code Registration} and {@code Dispatcher}: {@code IReactorFDSet}
 *       bookkeeping in a slot table reached by the token the poller hands back, the only comparison of
 *       wanted and applied interest (batched until the wait), the optimistic write, and Twisted's
 *       {@code _doReadOrWrite} dispatch (semantics.md §1.4).</li>
 * </ul>
 * Section numbers refer to {@code docs/semantics.md}. Everything here runs on the reactor thread except
 * where a class says otherwise.
 */
package dev.twine.internet.base;
