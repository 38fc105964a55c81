package dev.twine.internet.tcp;

import dev.twine.internet.IAddress;
import dev.twine.internet.UNIXAddress;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Conversions between the JDK's socket addresses and Twisted's {@code IPv4Address}/{@code IPv6Address},
 * and recognition of IP literals (Twisted's {@code abstract.isIPAddress}/{@code isIPv6Address}).
 *
 * <p>IPv6 hosts are written the way {@code getnameinfo(NI_NUMERICHOST)} writes them (RFC 5952: lower
 * case, longest run of zero groups as {@code ::}), so Twine reports {@code "::1"} where Twisted does,
 * not the JDK's {@code "0:0:0:0:0:0:0:1"}.
 */
public final class Addresses {
    /** Four decimal parts: Twisted's {@code isIPAddress} insists on all four ({@code "127.1"} is a name). */
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?");

    private Addresses() {
    }

    /** {@code IPv4Address("TCP", host, port)} or {@code IPv6Address(...)} for a socket address. */
    static IAddress tcp(InetSocketAddress address) {
        return of("TCP", address);
    }

    /**
     * {@code IPv4Address(type, host, port)} or {@code IPv6Address(...)} for a socket address, the IPv6 host
     * written as described above. Public for the UDP port ({@code "UDP"}).
     */
    public static IAddress of(String type, InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip instanceof Inet6Address v6) {
            return new IPv6Address(type, ipv6Literal(v6), address.getPort());
        }
        return new IPv4Address(type, ip.getHostAddress(), address.getPort());
    }

    /** The peer of a connected socket: a {@code UNIXAddress} for a UNIX socket, else its TCP address. */
    static IAddress peer(StreamSocketHandle socket) throws IOException {
        String name = socket.remoteUnixName();
        return name != null ? new UNIXAddress(name) : tcp(socket.remoteAddress());
    }

    /** This end of a connected socket: a {@code UNIXAddress} for a UNIX socket, else its TCP address. */
    static IAddress host(StreamSocketHandle socket) throws IOException {
        String name = socket.localUnixName();
        return name != null ? new UNIXAddress(name) : tcp(socket.localAddress());
    }

    /** True for a dotted-quad IPv4 literal. */
    static boolean isIPv4Literal(String host) {
        if (host == null || !IPV4_LITERAL.matcher(host).matches()) {
            return false;
        }
        for (String part : host.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** True for an IPv6 literal (optionally with a {@code %scope}), as Twisted's {@code isIPv6Address}. */
    static boolean isIPv6Literal(String host) {
        if (host == null || host.indexOf(':') < 0 || !IPV6_CHARS.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host) instanceof Inet6Address || host.contains("::ffff:");
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /**
     * The address of an IP literal, or {@code null} if {@code host} is a name that needs a lookup.
     * {@link InetAddress#getByName} never does a lookup for a literal, so this never blocks.
     */
    public static InetAddress literal(String host) {
        if (!isIPv4Literal(host) && !isIPv6Literal(host)) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The host of an IPv6 address in RFC 5952 form, with {@code %scope} when it has one. */
    static String ipv6Literal(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // The longest run of at least two zero groups becomes "::" (the first one on a tie).
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        if (address.getScopedInterface() != null) {
            sb.append('%').append(address.getScopedInterface().getName());
        } else if (address.getScopeId() != 0) {
            sb.append('%').append(address.getScopeId());
        }
        return sb.toString();
    }

    /**
     * The address {@code listenTCP} binds for {@code iface}: {@code ""} (or null) is every IPv4
     * interface, {@code 0.0.0.0}, as in Twisted; an IPv6 literal gives an IPv6 port (semantics.md §1.5).
     *
     * @throws UnknownHostException if {@code iface} is neither a literal nor a resolvable name
     */
    public static InetSocketAddress listenAddress(String iface, int port) throws UnknownHostException {
        if (iface == null || iface.isEmpty()) {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[4]), port);
        }
        InetAddress ip = literal(iface);
        if (ip == null) {
            // A host name: Twisted's bind() resolves it synchronously too; listenTCP is synchronous.
            ip = InetAddress.getByName(iface);
        }
        return new InetSocketAddress(ip, port);
    }

    /** True when {@code ip} needs an IPv6 socket. */
    static boolean isIPv6(InetAddress ip) {
        return !(ip instanceof Inet4Address);
    }
}
