package dev.twine.examples;

import dev.twine.internet.IAddress;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;

/**
 * A server address as the poetry clients take it: {@code PORT} (on 127.0.0.1, as in the tutorial),
 * {@code HOST:PORT}, or {@code [IPV6]:PORT}.
 *
 * @param host the host name or literal address, brackets removed
 * @param port the port, 1 to 65535
 */
public record HostPort(String host, int port) {

    /** Parses one command-line address. */
    public static HostPort parse(String text) throws UsageException {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new UsageException("bad address (expected [IPV6]:PORT): " + text);
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                host = "127.0.0.1";
                port = text;
            } else {
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
                if (host.isEmpty() || host.indexOf(':') >= 0) {
                    throw new UsageException("bad address (write IPv6 as [IPV6]:PORT): " + text);
                }
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new UsageException("bad port in address: " + text);
        }
        if (p < 1 || p > 65535) {
            throw new UsageException("port out of range in address: " + text);
        }
        return new HostPort(host, p);
    }

    /** Twisted's {@code IPv4Address}/{@code IPv6Address} for it, which is how Twisted prints destinations. */
    public IAddress asAddress() {
        return host.indexOf(':') >= 0 ? new IPv6Address("TCP", host, port) : new IPv4Address("TCP", host, port);
    }

    /** {@code host:port} ({@code [host]:port} for IPv6), as the tutorial's {@code format_address}. */
    @Override
    public String toString() {
        return format(host, port);
    }

    /** {@code host:port} for any address, bracketing IPv6 literals. */
    public static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code host:port} for a transport's peer or host address. */
    public static String format(IAddress address) {
        return format(address.host(), address.port());
    }
}
