package dev.twine.internet.endpoints;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What the hostname endpoints need to know about a host string before any lookup: whether it is an IP
 * literal (connected to as is) and whether it is a valid name at all. Nothing here touches the network.
 */
final class HostNames {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?");

    private HostNames() {
    }

    /** True for a dotted-quad IPv4 literal. */
    static boolean isIPv4Literal(String host) {
        return IPV4.matcher(host).matches();
    }

    /**
     * True for an IPv6 literal. The JDK parses any string containing a colon as an IPv6 literal and refuses
     * it without a lookup when it is not one, so this never blocks.
     */
    static boolean isIPv6Literal(String host) {
        if (host.indexOf(':') < 0 || !IPV6_CHARS.matcher(host).matches()) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(host);
            return a instanceof Inet6Address || host.contains("::ffff:");
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Why {@code host} cannot be a host name, or {@code null} if it can: Twisted's {@code HostnameEndpoint}
     * refuses a name that IDNA cannot encode ({@code _hostAsBytesAndText}); {@link IDN#toASCII} is the JDK's
     * IDNA 2003 encoder.
     */
    static String invalidReason(String host) {
        if (host.isEmpty()) {
            return "the host name is empty";
        }
        if (isIPv4Literal(host) || isIPv6Literal(host)) {
            return null;
        }
        try {
            IDN.toASCII(host);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
