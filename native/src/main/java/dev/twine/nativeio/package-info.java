/**
 * Twine's native module: operating-system calls bound with jnr-ffi, behind small Java interfaces.
 *
 * <ul>
 *   <li>{@code dev.twine.nativeio}: {@link dev.twine.nativeio.Platform}, the one place the OS is decided
 *       and a binding is chosen.</li>
 *   <li>{@code dev.twine.nativeio.posix}: the POSIX socket calls ({@code PosixSockets}), the errno
 *       and socket-constant tables ({@code Errno}, {@code SocketConstant}), and the
 *       poller-agnostic socket handles that implement the SPI ({@code PosixSocketProvider}).</li>
 *   <li>{@code dev.twine.nativeio.linux}: epoll, eventfd, and Linux's tables.</li>
 *   <li>{@code dev.twine.nativeio.bsd}, {@code .windows}: kqueue and IOCP bindings.</li>
 * </ul>
 *
 * <p>Every binding follows the same shape (native.md §1.1): ints and {@code long} addresses in,
 * a result or {@code -errno} out, no exceptions below the error-policy layer
 * ({@code posix.SocketCalls}), no allocation per call.
 */
package dev.twine.nativeio;
