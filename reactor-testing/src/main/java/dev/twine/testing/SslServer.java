package dev.twine.testing;

import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.ssl.IContextFactory;

/**
 * One {@code listenSSL} call recorded by {@link MemoryReactor}: Twisted's {@code sslServers} tuple
 * {@code (port, factory, contextFactory, backlog, interface)}, with the {@link FakePort} that was returned.
 *
 * @param port           the port asked for
 * @param factory        the factory given
 * @param contextFactory the TLS configuration given
 * @param backlog        the backlog given
 * @param iface          the interface given ({@code ""}: every IPv4 interface)
 * @param fakePort       what {@code listenSSL} returned
 */
public record SslServer(int port, IProtocolFactory factory, IContextFactory contextFactory, int backlog, String iface,
        FakePort fakePort) {
}
