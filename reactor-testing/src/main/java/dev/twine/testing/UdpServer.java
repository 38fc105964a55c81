package dev.twine.testing;

import dev.twine.internet.DatagramProtocol;

/**
 * One {@code listenUDP} call recorded by {@link MemoryReactor}: Twisted's {@code udpServers} tuple
 * {@code (port, protocol, interface, maxPacketSize)}, with the {@link FakeUdpPort} that was returned.
 *
 * @param port          the port asked for
 * @param protocol      the protocol given
 * @param iface         the interface given ({@code ""}: every IPv4 interface)
 * @param maxPacketSize the maximum packet size given
 * @param fakePort      what {@code listenUDP} returned
 */
public record UdpServer(int port, DatagramProtocol protocol, String iface, int maxPacketSize, FakeUdpPort fakePort) {
}
