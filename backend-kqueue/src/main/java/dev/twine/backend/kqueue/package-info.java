/**
 * The kqueue backend for macOS and FreeBSD: {@link dev.twine.backend.kqueue.KqueuePoller}, a
 * level-triggered poller whose interest changes ride in the same {@code kevent} call that waits,
 * over the POSIX socket handles of {@code dev.twine.nativeio.posix}.
 *
 * <p>{@link dev.twine.backend.kqueue.KqueueBackend} is registered as {@code kqueue}. On Linux it is
 * tested against the project's own kqueue emulation, in the macOS and the FreeBSD ABI, through the
 * whole conformance suite; {@code backend-kqueue/README.md} says how to point it at another kqueue
 * library.
 */
package dev.twine.backend.kqueue;
