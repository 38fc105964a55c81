/**
 * Twisted's {@code twisted.internet.task} (semantics.md §1.13): {@link dev.twine.internet.task.Clock}, a deterministic
 * {@link dev.twine.internet.IReactorTime} for tests; {@link dev.twine.internet.task.LoopingCall}; and
 * {@link dev.twine.internet.task.Task#deferLater}. Use them on the thread that owns their clock.
 */
package dev.twine.internet.task;
