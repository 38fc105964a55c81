package dev.twine.testing;

import dev.twine.internet.DatagramProtocol;

/**
 * One {@code listenUNIXDatagram} call recorded by {@link MemoryReactor}: its arguments
 * {@code (address, protocol, maxPacketSize, mode)}, with the {@link FakeUnixDatagramPort} that was returned.
 *
 * @param address       the path or abstract name given
 * @param protocol      the protocol given
 * @param maxPacketSize the maximum packet size given
 * @param mode          the file mode given
 * @param fakePort      what {@code listenUNIXDatagram} returned
 */
public record UnixDatagramServer(String address, DatagramProtocol protocol, int maxPacketSize, int mode,
        FakeUnixDatagramPort fakePort) {
}
