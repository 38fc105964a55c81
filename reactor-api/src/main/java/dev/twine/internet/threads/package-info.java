/**
 * Threads and the reactor (Twisted's {@code twisted.internet.threads}, semantics.md §3.13):
 * {@link dev.twine.internet.threads.Threads#deferToThread}, {@code deferToThreadPool},
 * {@code blockingCallFromThread} and {@code callMultipleInThread}.
 */
package dev.twine.internet.threads;
