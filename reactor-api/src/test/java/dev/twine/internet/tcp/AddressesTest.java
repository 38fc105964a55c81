package dev.twine.internet.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void ipv6HostsAreWrittenInTheirShortestFormLikeGetnameinfo() throws Exception {
        assertEquals("::1", Addresses.ipv6Literal((Inet6Address) InetAddress.getByName("0:0:0:0:0:0:0:1")));
        assertEquals("::", Addresses.ipv6Literal((Inet6Address) InetAddress.getByName("::")));
        assertEquals("2001:db8::1:0:0:1",
                Addresses.ipv6Literal((Inet6Address) InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1",
                Addresses.ipv6Literal((Inet6Address) InetAddress.getByName("2001:db8:0:1:1:1:1:1")),
                "a single zero group is not shortened");
        assertEquals("fe80::", Addresses.ipv6Literal((Inet6Address) InetAddress.getByName("fe80:0:0:0:0:0:0:0")));
    }

    @Test
    void socketAddressesBecomeTwistedAddressesOfTheRightFamily() throws Exception {
        assertEquals(new IPv4Address("TCP", "127.0.0.1", 80),
                Addresses.tcp(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80)));
        assertEquals(new IPv6Address("TCP", "::1", 443),
                Addresses.tcp(new InetSocketAddress(InetAddress.getByName("::1"), 443)));
    }

    @Test
    void onlyFourPartDottedQuadsAndIpv6LiteralsCountAsLiterals() {
        assertTrue(Addresses.isIPv4Literal("127.0.0.1"));
        assertFalse(Addresses.isIPv4Literal("127.1"), "Twisted insists on four parts");
        assertFalse(Addresses.isIPv4Literal("256.0.0.1"));
        assertFalse(Addresses.isIPv4Literal("localhost"));
        assertTrue(Addresses.isIPv6Literal("::1"));
        assertTrue(Addresses.isIPv6Literal("fe80::1%1"));
        assertFalse(Addresses.isIPv6Literal("example.com"));
        assertFalse(Addresses.isIPv6Literal("not:an:address:zz"));
        assertNull(Addresses.literal("localhost"), "names need a lookup, off the reactor thread");
    }

    @Test
    void anEmptyInterfaceMeansEveryIpv4Interface() throws Exception {
        InetSocketAddress any = Addresses.listenAddress("", 0);
        assertEquals("0.0.0.0", any.getAddress().getHostAddress());
        assertTrue(Addresses.listenAddress("::1", 0).getAddress() instanceof Inet6Address);
    }
}
