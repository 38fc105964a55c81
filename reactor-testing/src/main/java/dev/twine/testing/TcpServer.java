package dev.twine.testing;

import dev.twine.internet.IProtocolFactory;

/**
 * One {@code listenTCP} call recorded by {@link MemoryReactor}: Twisted's {@code tcpServers} tuple
 * {@code (port, factory, backlog, interface)}, with the {@link FakePort} that was returned.
 *
 * @param port      the port asked for
 * @param factory   the factory given
 * @param backlog   the backlog given
 * @param iface     the interface given ({@code ""}: every IPv4 interface)
 * @param fakePort  what {@code listenTCP} returned
 */
public record TcpServer(int port, IProtocolFactory factory, int backlog, String iface, FakePort fakePort) {
}
