/**
 * Linux: epoll and eventfd bindings, {@code struct epoll_event} layouts, Linux's socket constants
 * ({@link dev.twine.nativeio.linux.LinuxSocketAbi}) and errno table
 * ({@link dev.twine.nativeio.linux.LinuxErrno}), bundled for a backend by
 * {@link dev.twine.nativeio.linux.LinuxBindings}.
 */
package dev.twine.nativeio.linux;
