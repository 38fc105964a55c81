package dev.twine.testing;

import dev.twine.internet.DatagramProtocol;
import java.net.StandardProtocolFamily;

/**
 * One {@code adoptDatagramPort} call recorded by {@link MemoryReactor}: the tuple
 * {@code (fileno, addressFamily, protocol, maxPacketSize)} Twisted's {@code MemoryReactor} appends to its
 * {@code adoptedPorts}, kept here in a list of its own, with the {@link FakeUdpPort} that was returned.
 *
 * @param descriptor    the descriptor given
 * @param family        the address family given
 * @param protocol      the protocol given
 * @param maxPacketSize the maximum packet size given
 * @param fakePort      what {@code adoptDatagramPort} returned
 */
public record AdoptedDatagramPort(int descriptor, StandardProtocolFamily family, DatagramProtocol protocol,
        int maxPacketSize, FakeUdpPort fakePort) {
}
