package dev.twine.protocols.haproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.endpoints.TCP4ServerEndpoint;
import dev.twine.testfixtures.LogCapture;
import dev.twine.testing.AccumulatingProtocol;
import dev.twine.testing.MemoryReactor;
import dev.twine.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The PROXY protocol wrapper on a {@link StringTransport} (semantics.md §3.18), after Twisted's
 * {@code twisted/protocols/haproxy/test} ({@code test_v1parser}, {@code test_v2parser},
 * {@code test_wrapper}): headers of both versions and every family, whole and a byte at a time, and the
 * ways a header can be wrong, each of which closes that connection and hands the protocol nothing.
 */
class HAProxyWrapperTest {
    /** The version 2 signature and a PROXY command, then family/protocol and length to follow. */
    private static final String V2_PROXY = "0d0a0d0a000d0a515549540a21";

    private AccumulatingProtocol inner;
    private HAProxyProtocolWrapper wrapper;
    private final StringTransport transport = new StringTransport();

    private void connect() {
        inner = new AccumulatingProtocol();
        wrapper = (HAProxyProtocolWrapper) new HAProxyWrappingFactory(Factory.forProtocol(() -> inner))
                .buildProtocol(StringTransport.DEFAULT_PEER);
        wrapper.makeConnection(transport);
    }

    private void receive(byte[] bytes, boolean oneAtATime) {
        if (!oneAtATime) {
            wrapper.dataReceived(ByteBuffer.wrap(bytes));
            return;
        }
        for (byte b : bytes) {
            wrapper.dataReceived(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void beforeTheHeaderTheConnectionsOwnAddressesStandAndTheProtocolIsConnected() {
        connect();
        assertEquals(1, inner.made);
        assertEquals(StringTransport.DEFAULT_PEER, inner.transport.getPeer());
        assertEquals(StringTransport.DEFAULT_HOST, inner.transport.getHost());
    }

    @Test
    void aVersion1Tcp4HeaderGivesTheClientAndDestinationAndTheRestPassesOn() {
        for (boolean oneAtATime : new boolean[] {false, true}) {
            connect();
            receive(ascii("PROXY TCP4 203.0.113.7 198.51.100.1 56324 443\r\nGET / HTTP/1.1\r\n"), oneAtATime);
            assertEquals(new IPv4Address("TCP", "203.0.113.7", 56324), inner.transport.getPeer());
            assertEquals(new IPv4Address("TCP", "198.51.100.1", 443), inner.transport.getHost());
            assertEquals("GET / HTTP/1.1\r\n", inner.dataAsString());
            assertFalse(transport.isDisconnecting());
        }
    }

    @Test
    void aVersion1Tcp6HeaderAndAnUnknownOne() {
        connect();
        receive(ascii("PROXY TCP6 2001:db8::7 2001:db8::1 4000 8443\r\n"), false);
        assertEquals(new IPv6Address("TCP", "2001:db8::7", 4000), inner.transport.getPeer());
        assertEquals(new IPv6Address("TCP", "2001:db8::1", 8443), inner.transport.getHost());

        connect();
        receive(ascii("PROXY UNKNOWN whatever follows\r\nrest"), false);
        assertEquals(StringTransport.DEFAULT_PEER, inner.transport.getPeer(), "UNKNOWN leaves the real peer");
        assertEquals("rest", inner.dataAsString());
    }

    @Test
    void aVersion2Tcp4HeaderWithATlvAfterTheAddresses() {
        for (boolean oneAtATime : new boolean[] {false, true}) {
            connect();
            // TCP over IPv4 (0x11), 12 address bytes + a 4-byte TLV = 16; 10.1.2.3:1000 -> 10.9.9.9:80.
            receive(concat(hex(V2_PROXY + "11 0010 0a010203 0a090909 03e8 0050 04 0001 00"), ascii("data")),
                    oneAtATime);
            assertEquals(new IPv4Address("TCP", "10.1.2.3", 1000), inner.transport.getPeer());
            assertEquals(new IPv4Address("TCP", "10.9.9.9", 80), inner.transport.getHost());
            assertEquals("data", inner.dataAsString());
        }
    }

    @Test
    void aVersion2Tcp6UdpAndUnixHeader() {
        connect();
        receive(hex(V2_PROXY + "21 0024 20010db8000000000000000000000007 20010db8000000000000000000000001 0fa0 20fb"),
                false);
        assertEquals(new IPv6Address("TCP", "2001:db8:0:0:0:0:0:7", 4000), inner.transport.getPeer());
        assertEquals(new IPv6Address("TCP", "2001:db8:0:0:0:0:0:1", 8443), inner.transport.getHost());

        connect();
        receive(hex(V2_PROXY + "12 000c 7f000001 7f000002 0035 0035"), false);
        assertEquals(new IPv4Address("UDP", "127.0.0.1", 53), inner.transport.getPeer(), "DGRAM is UDP");

        connect();
        byte[] names = new byte[216];
        System.arraycopy(ascii("/run/client.sock"), 0, names, 0, 16);
        System.arraycopy(ascii("/run/app.sock"), 0, names, 108, 13);
        receive(concat(hex(V2_PROXY + "31 00d8"), names), false);
        assertEquals(new UNIXAddress("/run/client.sock"), inner.transport.getPeer());
        assertEquals(new UNIXAddress("/run/app.sock"), inner.transport.getHost());
    }

    @Test
    void aVersion2LocalHeaderLeavesTheConnectionsOwnAddresses() {
        connect();
        receive(concat(hex("0d0a0d0a000d0a515549540a 20 00 0000"), ascii("health")), false);
        assertEquals(StringTransport.DEFAULT_PEER, inner.transport.getPeer());
        assertEquals("health", inner.dataAsString());
        assertSame(null, wrapper.proxyInfo().source());
    }

    @Test
    void everyWrongHeaderClosesThatConnectionLogsWhyAndPassesNothingOn() {
        String[][] cases = {
            {"GET / HTTP/1.1\r\n\r\n", "does not begin with a PROXY header"},
            {"PROXY TCP4 1.2.3.4 5.6.7.8 99999 80\r\nx", "not a port number"},
            {"PROXY TCP4 ::1 5.6.7.8 1 80\r\nx", "not an IPv4 address"},
            {"PROXY TCP5 1.2.3.4 5.6.7.8 1 80\r\nx", "knows TCP4, TCP6 and UNKNOWN"},
            {"PROXY TCP4 1.2.3.4\r\nx", "needs two addresses"},
            {"PROXY " + "x".repeat(120), "no CRLF within the 107 bytes"},
        };
        for (String[] c : cases) {
            refused(ascii(c[0]), c[1]);
        }
        refused(hex("0d0a0d0a000d0a515549540a 31 11 0000"), "version 2 headers have version 2, not 3");
        refused(hex(V2_PROXY + "11 0004 0a010203"), "IPv4 addresses take 12 bytes");
        refused(hex(V2_PROXY + "51 0000"), "no family and protocol 0x51");
    }

    private void refused(byte[] input, String why) {
        connect();
        try (LogCapture log = LogCapture.of(HAProxyProtocolWrapper.class.getName())) {
            receive(input, false);
            assertEquals(1, log.containing(why).size(), why + ": " + log.records());
        }
        assertTrue(transport.isDisconnecting(), why);
        assertEquals("", inner.dataAsString(), why);
        receive(ascii("more"), false);
        assertEquals("", inner.dataAsString(), "nothing after a refusal either");
    }

    @Test
    void theFactoryNamesItselfAndProxyEndpointWrapsWhatItListensWith() {
        HAProxyWrappingFactory factory = new HAProxyWrappingFactory(Factory.forProtocol(AccumulatingProtocol::new));
        assertTrue(factory.logPrefix().endsWith(" (PROXY)"), factory.logPrefix());
        MemoryReactor reactor = new MemoryReactor();
        Factory app = Factory.forProtocol(AccumulatingProtocol::new);
        HAProxyWrappingFactory.proxyEndpoint(new TCP4ServerEndpoint(reactor, 8080)).listen(app);
        HAProxyWrappingFactory listening = assertInstanceOf(HAProxyWrappingFactory.class,
                reactor.tcpServers().get(0).factory());
        assertSame(app, listening.wrappedFactory);
    }
}
