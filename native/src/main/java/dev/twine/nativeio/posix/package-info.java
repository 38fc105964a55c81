/**
 * POSIX sockets for every descriptor-based backend (epoll, kqueue).
 *
 * <p>Layers, bottom up:
 * <ol>
 *   <li>{@link dev.twine.nativeio.posix.PosixSockets}: the raw calls, result or {@code -errno};
 *       {@link dev.twine.nativeio.posix.JnrPosixSockets} binds them with jnr-ffi.</li>
 *   <li>{@link dev.twine.nativeio.posix.SocketCalls}: the error policy, in one place (EINTR retried,
 *       "would block" as a value, errno to {@code SocketErrorException} via
 *       {@link dev.twine.nativeio.posix.ErrnoTable}).</li>
 *   <li>{@link dev.twine.nativeio.posix.PosixSocketProvider},
 *       {@link dev.twine.nativeio.posix.PosixStreamSocket},
 *       {@link dev.twine.nativeio.posix.PosixListeningSocket}: the SPI's socket handles, all
 *       {@link dev.twine.nativeio.posix.PosixHandle}s, which pollers recognise by type and watch by
 *       {@code fileno()}.</li>
 * </ol>
 * OS differences enter only through a {@link dev.twine.nativeio.posix.SocketAbi} and an
 * {@link dev.twine.nativeio.posix.ErrnoTable}: one column of the per-OS tables
 * {@link dev.twine.nativeio.posix.SocketConstant} and {@link dev.twine.nativeio.posix.Errno}, handed
 * out by {@link dev.twine.nativeio.Platform}. {@link dev.twine.nativeio.posix.SockaddrCodec} and
 * {@link dev.twine.nativeio.posix.DirectMemory} serve Windows too.
 */
package dev.twine.nativeio.posix;
