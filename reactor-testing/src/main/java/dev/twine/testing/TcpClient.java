package dev.twine.testing;

import dev.twine.internet.ClientFactory;
import java.net.InetSocketAddress;

/**
 * One {@code connectTCP} call recorded by {@link MemoryReactor}: Twisted's {@code tcpClients} tuple
 * {@code (host, port, factory, timeout, bindAddress)}, with the {@link FakeConnector} that was returned.
 *
 * @param host        the host as given (not resolved)
 * @param port        the port given
 * @param factory     the factory given
 * @param timeout     the timeout given, in seconds
 * @param bindAddress the local address given, or {@code null}
 * @param connector   what {@code connectTCP} returned
 */
public record TcpClient(String host, int port, ClientFactory factory, double timeout, InetSocketAddress bindAddress,
        FakeConnector connector) {
}
