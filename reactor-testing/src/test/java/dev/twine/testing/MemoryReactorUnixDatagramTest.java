package dev.twine.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.ConnectedDatagramProtocol;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IUNIXDatagramConnectedTransport;
import dev.twine.internet.IUNIXDatagramTransport;
import dev.twine.internet.UNIXAddress;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryReactor#listenUNIXDatagram} and {@link MemoryReactor#connectUNIXDatagram} record their
 * arguments as {@code listenUNIX} does, with Twisted's defaults, and return a port that records writes.
 */
class MemoryReactorUnixDatagramTest {

    @Test
    void listenUnixDatagramIsRecordedWithTwistedsDefaultsAndDoesNotStartTheProtocol() {
        MemoryReactor reactor = new MemoryReactor();
        DatagramProtocol protocol = new DatagramProtocol() { };
        IUNIXDatagramTransport port = reactor.listenUNIXDatagram("/run/app.dgram", protocol);
        assertEquals(new UnixDatagramServer("/run/app.dgram", protocol, 8192, 0666, (FakeUnixDatagramPort) port),
                reactor.unixDatagramServers().get(0));
        assertEquals(new UNIXAddress("/run/app.dgram"), port.getHost());
        assertEquals(0, protocol.numPorts());
        assertEquals(3, port.write(new byte[] {1, 2, 3}, "/run/peer"));
        FakeUdpPort.Written w = ((FakeUnixDatagramPort) port).written().get(0);
        assertArrayEquals(new byte[] {1, 2, 3}, w.datagram());
        assertEquals(new UNIXAddress("/run/peer"), w.addr());
    }

    @Test
    void connectUnixDatagramIsRecordedWithItsBindAddressAndThePortKnowsItsPeer() {
        MemoryReactor reactor = new MemoryReactor();
        ConnectedDatagramProtocol protocol = new ConnectedDatagramProtocol() { };
        IUNIXDatagramConnectedTransport port = reactor.connectUNIXDatagram("/run/server", protocol, 512, 0600, "/run/me");
        assertEquals(new UnixDatagramClient("/run/server", protocol, 512, 0600, "/run/me", (FakeUnixDatagramPort) port),
                reactor.unixDatagramClients().get(0));
        assertEquals(new UNIXAddress("/run/server"), port.getPeer());
        assertEquals(new UNIXAddress("/run/me"), port.getHost());
        port.write(new byte[] {7});
        assertNull(((FakeUnixDatagramPort) port).written().get(0).addr(), "a connected write has no target");
        assertTrue(((FakeUnixDatagramPort) port).isListening());
        port.stopListening();
        assertFalse(((FakeUnixDatagramPort) port).isListening());
        assertEquals(new UNIXAddress(""), reactor.connectUNIXDatagram("/run/server", protocol).getHost(),
                "unbound without a bindAddress");
    }
}
