/**
 * The Linux epoll backend: {@link dev.twine.backend.epoll.EpollBackend} (registered with
 * {@link java.util.ServiceLoader} as {@code epoll}) and its level-triggered
 * {@link dev.twine.backend.epoll.EpollPoller}. Sockets are the shared POSIX handles of
 * {@code dev.twine.nativeio.posix}; system calls come through {@code dev.twine.nativeio.linux}.
 */
package dev.twine.backend.epoll;
