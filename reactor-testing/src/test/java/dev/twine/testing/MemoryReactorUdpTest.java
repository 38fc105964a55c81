package dev.twine.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IReactorUDP;
import dev.twine.internet.IUDPTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MemoryReactor#listenUDP} and {@link DatagramProtocol}'s start/stop numbering, without sockets. */
class MemoryReactorUdpTest {

    private static class Recording extends DatagramProtocol {
        final List<String> events = new ArrayList<>();

        IUDPTransport currentTransport() {
            return transport;
        }

        @Override
        public void startProtocol() {
            events.add("start");
        }

        @Override
        public void stopProtocol() {
            events.add("stop");
        }
    }

    @Test
    void listenUdpIsRecordedWithTwistedsDefaultsAndDoesNotStartTheProtocol() {
        MemoryReactor reactor = new MemoryReactor();
        Recording protocol = new Recording();
        IUDPTransport port = reactor.listenUDP(5353, protocol);
        UdpServer recorded = reactor.udpServers().get(0);
        assertEquals(new UdpServer(5353, protocol, "", IReactorUDP.DEFAULT_MAX_PACKET_SIZE, (FakeUdpPort) port), recorded);
        assertEquals(8192, recorded.maxPacketSize());
        assertEquals(new IPv4Address("UDP", "0.0.0.0", 5353), port.getHost());
        assertEquals(List.of(), protocol.events);
    }

    @Test
    void theFakePortRecordsWritesAndTheConnectedPeer() {
        FakeUdpPort port = (FakeUdpPort) new MemoryReactor().listenUDP(0, new Recording(), "::1", 512);
        byte[] datagram = {1, 2, 3};
        IPv4Address target = new IPv4Address("UDP", "10.0.0.1", 53);
        assertEquals(3, port.write(datagram, target));
        datagram[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, port.written().get(0).datagram(), "the datagram is copied");
        assertSame(target, port.written().get(0).addr());
        port.connect("10.0.0.1", 53);
        assertEquals(target, port.connectedTo());
        assertThrows(IllegalStateException.class, () -> port.connect("10.0.0.2", 53));
        port.stopListening();
        assertFalse(port.isListening());
    }

    @Test
    void oneProtocolStartsWithItsFirstPortAndStopsAfterItsLast() {
        Recording protocol = new Recording();
        FakeUdpPort first = (FakeUdpPort) new MemoryReactor().listenUDP(0, protocol);
        protocol.makeConnection(first);
        assertSame(first, protocol.currentTransport());
        protocol.doStart();
        assertEquals(2, protocol.numPorts());
        protocol.doStop();
        assertEquals(List.of("start"), protocol.events);
        assertNull(protocol.currentTransport(), "doStop clears the transport, as Twisted's does");
        protocol.doStop();
        assertEquals(List.of("start", "stop"), protocol.events);
        assertThrows(IllegalStateException.class, protocol::doStop);
    }

    @Test
    void makeConnectionRefusesASecondTransportAndForgetsOneWhoseStartFailed() {
        Recording failing = new Recording() {
            @Override
            public void startProtocol() {
                throw new IllegalStateException("cannot start");
            }
        };
        FakeUdpPort port = (FakeUdpPort) new MemoryReactor().listenUDP(0, failing);
        assertThrows(IllegalStateException.class, () -> failing.makeConnection(port));
        assertNull(failing.currentTransport());
        assertEquals(0, failing.numPorts());

        Recording ok = new Recording();
        ok.makeConnection(port);
        assertThrows(IllegalStateException.class, () -> ok.makeConnection(port));
    }
}
