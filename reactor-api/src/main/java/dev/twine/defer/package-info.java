/**
 * Twisted's {@code twisted.internet.defer} in Java: {@link dev.twine.defer.Deferred} and
 * {@link dev.twine.defer.Failure}, {@link dev.twine.defer.DeferredList},
 * {@link dev.twine.defer.Deferred#gatherResults gatherResults} and {@link dev.twine.defer.Deferred#race race},
 * {@link dev.twine.defer.DeferredLock}, {@link dev.twine.defer.DeferredSemaphore},
 * {@link dev.twine.defer.DeferredQueue}, the Deferred-level errors, and
 * {@link java.util.concurrent.CompletionStage} interop.
 *
 * <p>Twine's decisions where Twisted is weak:
 * <ul>
 *   <li>Callback processing is iterative everywhere: chains of Deferreds returned from callbacks,
 *       {@code chainDeferred} links, and lock/semaphore/queue hand-off to many waiters all run in constant
 *       stack depth (Twisted #4593, #9304).</li>
 *   <li>A failure nobody handles is reported deterministically, through
 *       {@link dev.twine.defer.UnhandledFailures} (reactors call {@code reportAll()} when they stop; tests
 *       call {@code assertNone()}), as well as when the Deferred is garbage-collected (Twisted #5469).</li>
 * </ul>
 *
 * <p>Nothing here is thread-safe except {@code UnhandledFailures} and {@code Deferred.setDebugging}: a
 * Deferred and the primitives belong to one thread at a time, normally the reactor thread.
 */
package dev.twine.defer;
