/**
 * Twisted's {@code twisted.internet.task} (semantics.md §1.13, semantics.md §3.14 and semantics.md §3.15):
 * {@link dev.twine.internet.task.Clock}, a deterministic {@link dev.twine.internet.IReactorTime} for
 * tests; {@link dev.twine.internet.task.LoopingCall}; {@link dev.twine.internet.task.Task#deferLater};
 * the {@link dev.twine.internet.task.Cooperator} with its {@link dev.twine.internet.task.CooperativeTask}s
 * and the global {@link dev.twine.internet.task.Task#cooperate}/{@link dev.twine.internet.task.Task#coiterate};
 * and {@link dev.twine.internet.task.Task#react}. Use them on the thread that owns their clock.
 */
package dev.twine.internet.task;
