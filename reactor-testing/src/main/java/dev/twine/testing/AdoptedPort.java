package dev.twine.testing;

import dev.twine.internet.IProtocolFactory;
import java.net.StandardProtocolFamily;

/**
 * One {@code adoptStreamPort} call recorded by {@link MemoryReactor}: Twisted's {@code adoptedPorts} tuple
 * {@code (fileno, addressFamily, factory)}, with the {@link FakePort} that was returned.
 *
 * @param descriptor the descriptor given
 * @param family     the address family given
 * @param factory    the factory given
 * @param fakePort   what {@code adoptStreamPort} returned
 */
public record AdoptedPort(int descriptor, StandardProtocolFamily family, IProtocolFactory factory, FakePort fakePort) {
}
