package dev.twine.testing;

import dev.twine.internet.IProtocolFactory;
import java.net.StandardProtocolFamily;

/**
 * One {@code adoptStreamConnection} call recorded by {@link MemoryReactor}: Twisted's
 * {@code adoptedStreamConnections} tuple {@code (fileDescriptor, addressFamily, factory)}.
 *
 * @param descriptor the descriptor given
 * @param family     the address family given
 * @param factory    the factory given
 */
public record AdoptedStreamConnection(int descriptor, StandardProtocolFamily family, IProtocolFactory factory) {
}
