package dev.twine.testing;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.ssl.IContextFactory;
import java.net.InetSocketAddress;

/**
 * One {@code connectSSL} call recorded by {@link MemoryReactor}: Twisted's {@code sslClients} tuple
 * {@code (host, port, factory, contextFactory, timeout, bindAddress)}, with the {@link FakeConnector} that
 * was returned.
 *
 * @param host           the host as given (not resolved)
 * @param port           the port given
 * @param factory        the factory given
 * @param contextFactory the TLS configuration given
 * @param timeout        the timeout given, in seconds
 * @param bindAddress    the local address given, or {@code null}
 * @param connector      what {@code connectSSL} returned
 */
public record SslClient(String host, int port, ClientFactory factory, IContextFactory contextFactory, double timeout,
        InetSocketAddress bindAddress, FakeConnector connector) {
}
