package dev.twine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.Factory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.UNIXAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryReactor}'s {@code IReactorSocket} (semantics.md §9), after Twisted's
 * {@code twisted.internet.testing.MemoryReactor}: each adoption is recorded with what it was given, and
 * the ports report Twisted's fake addresses.
 */
class MemoryReactorSocketTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final Factory factory = Factory.forProtocol(Protocol::new);

    @Test
    void adoptStreamPortIsRecordedAndItsPortHasTwistedsFakeAddress() {
        IListeningPort v4 = reactor.adoptStreamPort(7, StandardProtocolFamily.INET, factory);
        IListeningPort v6 = reactor.adoptStreamPort(8, StandardProtocolFamily.INET6, factory);
        IListeningPort unix = reactor.adoptStreamPort(9, StandardProtocolFamily.UNIX, factory);
        assertEquals(new IPv4Address("TCP", "0.0.0.0", 1234), v4.getHost());
        assertEquals(new IPv6Address("TCP", "::", 1234), v6.getHost());
        assertEquals(new UNIXAddress(""), unix.getHost());
        assertEquals(List.of(new AdoptedPort(7, StandardProtocolFamily.INET, factory, (FakePort) v4),
                new AdoptedPort(8, StandardProtocolFamily.INET6, factory, (FakePort) v6),
                new AdoptedPort(9, StandardProtocolFamily.UNIX, factory, (FakePort) unix)), reactor.adoptedPorts());
    }

    @Test
    void adoptStreamConnectionIsRecordedOnly() {
        reactor.adoptStreamConnection(11, StandardProtocolFamily.INET6, factory);
        assertEquals(List.of(new AdoptedStreamConnection(11, StandardProtocolFamily.INET6, factory)),
                reactor.adoptedStreamConnections());
        assertEquals(List.of(), reactor.adoptedPorts());
    }

    @Test
    void closeFileDescriptorIsRecordedOnly() {
        reactor.closeFileDescriptor(14);
        assertEquals(List.of(14), reactor.closedFileDescriptors());
    }

    @Test
    void adoptDatagramPortIsRecordedAndRefusesAUnixFamily() {
        DatagramProtocol protocol = new DatagramProtocol() {
        };
        IUDPTransport port = reactor.adoptDatagramPort(12, StandardProtocolFamily.INET, protocol, 512);
        assertEquals(new IPv4Address("UDP", "0.0.0.0", 1234), port.getHost());
        AdoptedDatagramPort recorded = reactor.adoptedDatagramPorts().get(0);
        assertEquals(new AdoptedDatagramPort(12, StandardProtocolFamily.INET, protocol, 512, (FakeUdpPort) port),
                recorded);
        assertSame(protocol, recorded.protocol());
        assertThrows(IllegalArgumentException.class,
                () -> reactor.adoptDatagramPort(13, StandardProtocolFamily.UNIX, protocol, 512));
        assertEquals(1, reactor.adoptedDatagramPorts().size());
    }
}
