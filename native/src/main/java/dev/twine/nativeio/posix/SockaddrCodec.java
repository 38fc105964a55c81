package dev.twine.nativeio.posix;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Converts between {@link InetSocketAddress} and {@code struct sockaddr_in}/{@code sockaddr_in6} in
 * native memory, using the offsets of one {@link SocketAbi}.
 *
 * <p>An IPv6 socket is given IPv4 destinations as IPv4-mapped addresses ({@code ::ffff:a.b.c.d},
 * RFC 4291 section 2.5.5.2), which is how a dual-stack socket reaches IPv4 peers; when the kernel reports
 * such an address back, {@link InetAddress#getByAddress(byte[])} turns it into an
 * {@link Inet4Address}, so callers see the peer as the IPv4 host it is.
 *
 * <p>Stateless apart from its table; thread-safe. Decoding allocates (addresses are objects), but
 * it happens only when someone asks for an address, never per read or write.
 */
final class SockaddrCodec {

    private final SocketAbi abi;

    SockaddrCodec(SocketAbi abi) {
        this.abi = abi;
    }

    /**
     * Writes {@code address} at index 0 of {@code into} for a socket of the given family.
     *
     * @return the {@code socklen_t} to pass, or {@code -1} if an IPv6 address was given to an IPv4
     *         socket (the caller reports {@code EAFNOSUPPORT})
     * @throws IllegalArgumentException if the address is unresolved
     */
    int encode(InetSocketAddress address, boolean ipv6Socket, ByteBuffer into) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        for (int i = 0; i < abi.sockaddrIn6Size(); i++) {
            into.put(i, (byte) 0);
        }
        if (!ipv6Socket) {
            if (!(ip instanceof Inet4Address)) {
                return -1;
            }
            int size = abi.sockaddrInSize();
            putFamily(into, abi.afInet(), size);
            putPort(into, abi.sinPortOffset(), port);
            into.put(abi.sinAddrOffset(), ip.getAddress());
            return size;
        }
        int size = abi.sockaddrIn6Size();
        putFamily(into, abi.afInet6(), size);
        putPort(into, abi.sin6PortOffset(), port);
        if (ip instanceof Inet6Address v6) {
            into.put(abi.sin6AddrOffset(), v6.getAddress());
            into.putInt(abi.sin6ScopeIdOffset(), v6.getScopeId());
        } else {
            int at = abi.sin6AddrOffset();
            into.put(at + 10, (byte) 0xff);
            into.put(at + 11, (byte) 0xff);
            into.put(at + 12, ip.getAddress());
        }
        return size;
    }

    /**
     * Reads the address the kernel wrote at index 0 of {@code from}.
     *
     * @param length the {@code socklen_t} the kernel returned
     * @throws IOException if the family is neither IPv4 nor IPv6
     */
    InetSocketAddress decode(ByteBuffer from, int length) throws IOException {
        int family = abi.sockaddrHasLength() ? from.get(1) & 0xff : from.getShort(0) & 0xffff;
        try {
            if (family == abi.afInet() && length >= abi.sockaddrInSize()) {
                byte[] ip = new byte[4];
                from.get(abi.sinAddrOffset(), ip);
                return new InetSocketAddress(InetAddress.getByAddress(ip), getPort(from, abi.sinPortOffset()));
            }
            if (family == abi.afInet6() && length >= abi.sockaddrIn6Size()) {
                byte[] ip = new byte[16];
                from.get(abi.sin6AddrOffset(), ip);
                int scope = from.getInt(abi.sin6ScopeIdOffset());
                InetAddress address = scope != 0 && !isV4Mapped(ip)
                        ? Inet6Address.getByAddress(null, ip, scope)
                        : InetAddress.getByAddress(ip);
                return new InetSocketAddress(address, getPort(from, abi.sin6PortOffset()));
            }
        } catch (UnknownHostException impossible) {
            // getByAddress throws only for a wrong array length, which the code above rules out.
            throw new AssertionError(impossible);
        }
        throw new IOException("unsupported socket address family " + family + " (length " + length + ")");
    }

    private void putFamily(ByteBuffer into, int family, int size) {
        if (abi.sockaddrHasLength()) {
            into.put(0, (byte) size);
            into.put(1, (byte) family);
        } else {
            into.putShort(0, (short) family);
        }
    }

    /** Ports are in network byte order whatever the buffer's order. */
    private static void putPort(ByteBuffer into, int offset, int port) {
        into.put(offset, (byte) (port >>> 8));
        into.put(offset + 1, (byte) port);
    }

    private static int getPort(ByteBuffer from, int offset) {
        return (from.get(offset) & 0xff) << 8 | from.get(offset + 1) & 0xff;
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }
}
