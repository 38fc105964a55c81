/**
 * Linux: epoll and eventfd bindings and {@code struct epoll_event} layouts, bundled with Linux's socket
 * and errno tables ({@link dev.twine.nativeio.Platform#LINUX}) for a backend by
 * {@link dev.twine.nativeio.linux.LinuxBindings}.
 */
package dev.twine.nativeio.linux;
