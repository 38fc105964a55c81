/**
 * The {@code iocp} backend for Windows: a level-triggered {@link dev.twine.spi.Poller} built from
 * {@code IOCTL_AFD_POLL} requests completing on an I/O completion port
 * ({@link dev.twine.backend.iocp.IocpPoller}), and non-blocking Winsock sockets
 * ({@link dev.twine.backend.iocp.WinsockSocketProvider}), selected with {@code -Dtwine.reactor=iocp}.
 * Registered as a {@link dev.twine.spi.ReactorBackend} service by {@link dev.twine.backend.iocp.IocpBackend}.
 * Tested on Linux under Wine with a Windows JVM ({@code .ci/wine/run-tck.sh}).
 */
package dev.twine.backend.iocp;
