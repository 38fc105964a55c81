package dev.twine.testing;

import dev.twine.internet.ConnectedDatagramProtocol;

/**
 * One {@code connectUNIXDatagram} call recorded by {@link MemoryReactor}: its arguments
 * {@code (address, protocol, maxPacketSize, mode, bindAddress)}, with the {@link FakeUnixDatagramPort} that
 * was returned.
 *
 * @param address       the peer's path or abstract name
 * @param protocol      the protocol given
 * @param maxPacketSize the maximum packet size given
 * @param mode          the file mode given
 * @param bindAddress   this end's name, or {@code null}
 * @param fakePort      what {@code connectUNIXDatagram} returned
 */
public record UnixDatagramClient(String address, ConnectedDatagramProtocol protocol, int maxPacketSize, int mode,
        String bindAddress, FakeUnixDatagramPort fakePort) {
}
