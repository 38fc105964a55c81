package dev.twine.protocols.haproxy;

import dev.twine.internet.IAddress;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.tcp.Addresses;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Version 1 of the PROXY header, one text line (Twisted's {@code V1Parser}; HAProxy's proxy-protocol.txt
 * §2.1): {@code PROXY TCP4 <src> <dst> <sport> <dport>\r\n}, {@code TCP6} likewise, or {@code PROXY UNKNOWN
 * ...\r\n}, at most 107 bytes with its CRLF.
 *
 * <p>Twine checks more than Twisted: the addresses must be literals of the family named and the ports
 * numbers from 0 to 65535; a bad port in Twisted escapes as a {@code ValueError} from the parser.
 */
public final class V1Parser implements ProxyParser {
    /** What every version 1 header starts with. */
    public static final byte[] PROXYSTR = "PROXY".getBytes(StandardCharsets.US_ASCII);
    /** The longest header, CRLF included (proxy-protocol.txt §2.1). */
    static final int MAX_LENGTH = 107;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public Parsed feed(byte[] data) throws InvalidProxyHeader {
        int before = buffer.size();
        buffer.writeBytes(data);
        byte[] all = buffer.toByteArray();
        // The CR may have ended the previous chunk, so the search starts one byte back.
        for (int i = Math.max(0, before - 1); i + 1 < all.length; i++) {
            if (all[i] == '\r' && all[i + 1] == '\n') {
                if (i + 2 > MAX_LENGTH) {
                    break;
                }
                buffer.reset();
                byte[] header = Arrays.copyOf(all, i + 2);
                return new Parsed(parse(header, i), Arrays.copyOfRange(all, i + 2, all.length));
            }
        }
        if (all.length >= MAX_LENGTH) {
            buffer.reset();
            throw new InvalidProxyHeader("no CRLF within the " + MAX_LENGTH + " bytes a version 1 header may take");
        }
        return null;
    }

    @Override
    public int buffered() {
        return buffer.size();
    }

    /** Parses a whole header line, {@code lineLength} bytes before its CRLF. */
    static ProxyInfo parse(byte[] header, int lineLength) throws InvalidProxyHeader {
        String line = new String(header, 0, lineLength, StandardCharsets.US_ASCII);
        String[] fields = line.split(" ", -1);
        if (!fields[0].equals("PROXY") || fields.length < 2) {
            throw new InvalidProxyHeader("a version 1 header is PROXY, a space and a protocol: " + quote(line));
        }
        String protocol = fields[1];
        if (protocol.equals("UNKNOWN")) {
            return new ProxyInfo(header, null, null);
        }
        if (!protocol.equals("TCP4") && !protocol.equals("TCP6")) {
            throw new InvalidNetworkProtocol("version 1 knows TCP4, TCP6 and UNKNOWN, not " + quote(protocol));
        }
        if (fields.length != 6) {
            throw new MissingAddressData(protocol + " needs two addresses and two ports: " + quote(line));
        }
        boolean v6 = protocol.equals("TCP6");
        return new ProxyInfo(header, address(fields[2], fields[4], v6), address(fields[3], fields[5], v6));
    }

    private static IAddress address(String host, String port, boolean v6) throws MissingAddressData {
        InetAddress literal = Addresses.literal(host);
        if (literal == null || (v6 ? !(literal instanceof Inet6Address) : !(literal instanceof Inet4Address))) {
            throw new MissingAddressData("not an " + (v6 ? "IPv6" : "IPv4") + " address: " + quote(host));
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535 || !port.equals(Integer.toString(number))) {
            throw new MissingAddressData("not a port number: " + quote(port));
        }
        return v6 ? new IPv6Address("TCP", host, number) : new IPv4Address("TCP", host, number);
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
}
