package dev.twine.nativeio.windows;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import static dev.twine.nativeio.windows.WinLayout.AF_INET;
import static dev.twine.nativeio.windows.WinLayout.AF_INET6;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN6_SIN6_ADDR;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN6_SIN6_FAMILY;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN6_SIN6_FLOWINFO;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN6_SIN6_PORT;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN6_SIN6_SCOPE_ID;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN6_SIZE;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN_SIN_ADDR;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN_SIN_FAMILY;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN_SIN_PORT;
import static dev.twine.nativeio.windows.WinLayout.SOCKADDR_IN_SIZE;

/**
 * Writes and reads Winsock's {@code sockaddr_in} / {@code sockaddr_in6} in a little-endian buffer.
 *
 * <p>The family and the IPv6 flow info and scope id are host (little-endian) order; the port is network
 * (big-endian) order, and the address bytes are copied as they are. Pure Java and stateless, so it is
 * tested on any OS.
 */
public final class SockaddrCodec {

    private SockaddrCodec() {
    }

    /**
     * Encodes {@code address} at {@code offset} of {@code buf} (a little-endian buffer with at least
     * {@link WinLayout#SOCKADDR_IN6_SIZE} bytes from there).
     *
     * @return the length of the encoded structure, to pass as {@code namelen}
     * @throws SocketErrorException {@code EINVAL} if the address is unresolved
     */
    public static int encode(ByteBuffer buf, int offset, InetSocketAddress address) throws SocketErrorException {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new SocketErrorException(SocketError.EINVAL, "unresolved address " + address);
        }
        int port = address.getPort();
        if (ip instanceof Inet4Address) {
            for (int i = 0; i < SOCKADDR_IN_SIZE; i++) {
                buf.put(offset + i, (byte) 0);
            }
            buf.putShort(offset + SOCKADDR_IN_SIN_FAMILY, (short) AF_INET);
            putPort(buf, offset + SOCKADDR_IN_SIN_PORT, port);
            buf.put(offset + SOCKADDR_IN_SIN_ADDR, ip.getAddress());
            return SOCKADDR_IN_SIZE;
        }
        Inet6Address ip6 = (Inet6Address) ip;
        for (int i = 0; i < SOCKADDR_IN6_SIZE; i++) {
            buf.put(offset + i, (byte) 0);
        }
        buf.putShort(offset + SOCKADDR_IN6_SIN6_FAMILY, (short) AF_INET6);
        putPort(buf, offset + SOCKADDR_IN6_SIN6_PORT, port);
        buf.putInt(offset + SOCKADDR_IN6_SIN6_FLOWINFO, 0);
        buf.put(offset + SOCKADDR_IN6_SIN6_ADDR, ip6.getAddress());
        buf.putInt(offset + SOCKADDR_IN6_SIN6_SCOPE_ID, ip6.getScopeId());
        return SOCKADDR_IN6_SIZE;
    }

    /**
     * Decodes the structure at {@code offset} of {@code buf}.
     *
     * @throws SocketErrorException {@code EAFNOSUPPORT} for a family other than IPv4 and IPv6
     */
    public static InetSocketAddress decode(ByteBuffer buf, int offset) throws SocketErrorException {
        int family = buf.getShort(offset + SOCKADDR_IN_SIN_FAMILY) & 0xffff;
        try {
            if (family == AF_INET) {
                byte[] ip = new byte[4];
                buf.get(offset + SOCKADDR_IN_SIN_ADDR, ip);
                return new InetSocketAddress(InetAddress.getByAddress(ip), getPort(buf, offset + SOCKADDR_IN_SIN_PORT));
            }
            if (family == AF_INET6) {
                byte[] ip = new byte[16];
                buf.get(offset + SOCKADDR_IN6_SIN6_ADDR, ip);
                int scope = buf.getInt(offset + SOCKADDR_IN6_SIN6_SCOPE_ID);
                InetAddress address = scope != 0
                        ? Inet6Address.getByAddress(null, ip, scope)
                        : InetAddress.getByAddress(ip);
                return new InetSocketAddress(address, getPort(buf, offset + SOCKADDR_IN6_SIN6_PORT));
            }
        } catch (UnknownHostException e) {
            // Only thrown for a byte array of the wrong length, which the fixed sizes above rule out.
            throw new IllegalStateException(e);
        }
        throw new SocketErrorException(SocketError.EAFNOSUPPORT, "unexpected address family " + family);
    }

    private static void putPort(ByteBuffer buf, int at, int port) {
        buf.put(at, (byte) (port >>> 8));
        buf.put(at + 1, (byte) port);
    }

    private static int getPort(ByteBuffer buf, int at) {
        return ((buf.get(at) & 0xff) << 8) | (buf.get(at + 1) & 0xff);
    }
}
