package dev.twine.protocols.haproxy;

import dev.twine.internet.IAddress;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.UNIXAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Version 2 of the PROXY header, binary (Twisted's {@code V2Parser}; HAProxy's proxy-protocol.txt §2.2): the
 * 12-byte signature, a version and command byte ({@code 0x20} LOCAL, {@code 0x21} PROXY), a family and
 * protocol byte, a big-endian length, then that many bytes: the addresses for the family (IPv4: 12, IPv6:
 * 36, UNIX: 216) and any TLVs, which are skipped as Twisted skips them.
 *
 * <p>LOCAL (a balancer's own health check), or an unspecified family or protocol, carries no addresses: the
 * connection's own stand. {@code STREAM} addresses are {@code "TCP"}, {@code DGRAM} ones {@code "UDP"}, as in
 * Twisted; a UNIX name is the bytes before the trailing NULs. IPv6 addresses are written as Java writes them,
 * eight groups without {@code ::}, which is also Twisted's form.
 */
public final class V2Parser implements ProxyParser {
    /** The signature every version 2 header starts with. */
    public static final byte[] PREFIX = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Signature, version and command, family and protocol, length. */
    static final int FIXED_LENGTH = 16;

    /** The fixed part, filled first; it announces the length. */
    private final byte[] fixed = new byte[FIXED_LENGTH];
    private int fixedCount;
    /**
     * The whole header, made once its length is known and filled in place: growing a buffer and copying it
     * out on every chunk would cost a peer that sends a 64 KiB header a byte at a time gigabytes of copying.
     */
    private byte[] header;
    private int headerCount;

    @Override
    public Parsed feed(byte[] data) throws InvalidProxyHeader {
        int at = 0;
        if (header == null) {
            at = Math.min(FIXED_LENGTH - fixedCount, data.length);
            System.arraycopy(data, 0, fixed, fixedCount, at);
            fixedCount += at;
            if (fixedCount < FIXED_LENGTH) {
                return null;
            }
            if (!Arrays.equals(fixed, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
                throw new InvalidProxyHeader("not the version 2 signature");
            }
            header = Arrays.copyOf(fixed, FIXED_LENGTH + ((fixed[14] & 0xff) << 8 | (fixed[15] & 0xff)));
            headerCount = FIXED_LENGTH;
        }
        int n = Math.min(header.length - headerCount, data.length - at);
        System.arraycopy(data, at, header, headerCount, n);
        headerCount += n;
        at += n;
        if (headerCount < header.length) {
            return null;
        }
        return new Parsed(parse(header), Arrays.copyOfRange(data, at, data.length));
    }

    @Override
    public int buffered() {
        return header == null ? fixedCount : headerCount;
    }

    /** Parses a whole header: the fixed part and the length it announced. */
    static ProxyInfo parse(byte[] header) throws InvalidProxyHeader {
        int versionCommand = header[12] & 0xff;
        if ((versionCommand & 0xf0) != 0x20) {
            throw new InvalidProxyHeader("version 2 headers have version 2, not " + (versionCommand >> 4));
        }
        int command = versionCommand & 0x0f;
        if (command == 0) {
            return new ProxyInfo(header, null, null); // LOCAL
        }
        if (command != 1) {
            throw new InvalidProxyHeader("the commands are LOCAL (0) and PROXY (1), not " + command);
        }
        int familyProtocol = header[13] & 0xff;
        int family = familyProtocol >> 4;
        int protocol = familyProtocol & 0x0f;
        if (family > 3 || protocol > 2) {
            throw new InvalidNetworkProtocol(String.format("no family and protocol 0x%02x", familyProtocol));
        }
        if (family == 0 || protocol == 0) {
            return new ProxyInfo(header, null, null); // UNSPEC
        }
        String type = protocol == 2 ? "UDP" : "TCP";
        int body = header.length - FIXED_LENGTH;
        return switch (family) {
            case 1 -> {
                need(body, 12, "IPv4");
                yield new ProxyInfo(header, ip(type, header, 16, 4, 24), ip(type, header, 20, 4, 26));
            }
            case 2 -> {
                need(body, 36, "IPv6");
                yield new ProxyInfo(header, ip(type, header, 16, 16, 48), ip(type, header, 32, 16, 50));
            }
            default -> {
                need(body, 216, "UNIX");
                yield new ProxyInfo(header, unix(header, 16), unix(header, 124));
            }
        };
    }

    private static void need(int body, int length, String family) throws MissingAddressData {
        if (body < length) {
            throw new MissingAddressData(family + " addresses take " + length + " bytes; the header has " + body);
        }
    }

    private static IAddress ip(String type, byte[] header, int at, int length, int portAt) {
        InetAddress address;
        try {
            address = InetAddress.getByAddress(Arrays.copyOfRange(header, at, at + length));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
        int port = (header[portAt] & 0xff) << 8 | (header[portAt + 1] & 0xff);
        return length == 4 ? new IPv4Address(type, address.getHostAddress(), port)
                : new IPv6Address(type, address.getHostAddress(), port);
    }

    private static UNIXAddress unix(byte[] header, int at) {
        int end = at + 108;
        while (end > at && header[end - 1] == 0) {
            end--;
        }
        return new UNIXAddress(new String(header, at, end - at, StandardCharsets.UTF_8));
    }
}
