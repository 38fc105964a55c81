package dev.twine.nativeio.posix;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static dev.twine.nativeio.posix.SocketConstant.AF_INET;
import static dev.twine.nativeio.posix.SocketConstant.AF_INET6;
import static dev.twine.nativeio.posix.SocketConstant.AF_UNIX;
import static dev.twine.nativeio.posix.SocketConstant.SOCKADDR_UN_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.SUN_PATH;
import static dev.twine.nativeio.posix.SocketConstant.SUN_PATH_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.SIN6_ADDR;
import static dev.twine.nativeio.posix.SocketConstant.SIN6_PORT;
import static dev.twine.nativeio.posix.SocketConstant.SIN6_SCOPE_ID;
import static dev.twine.nativeio.posix.SocketConstant.SIN_ADDR;
import static dev.twine.nativeio.posix.SocketConstant.SIN_FAMILY;
import static dev.twine.nativeio.posix.SocketConstant.SIN_FAMILY_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.SIN_PORT;
import static dev.twine.nativeio.posix.SocketConstant.SOCKADDR_IN6_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.SOCKADDR_IN_SIZE;

/**
 * Converts between {@link InetSocketAddress} and {@code struct sockaddr_in}/{@code sockaddr_in6} in
 * native memory, using the family numbers and offsets of one {@link SocketAbi}: the same code serves
 * Linux, the BSDs (whose structures start with a one-byte {@code sin_len}) and Winsock.
 *
 * <p>The family, flow info and scope id are in the buffer's (host) order; the port is in network order
 * and the address bytes are copied as they are. An IPv6 socket is given IPv4 destinations as
 * IPv4-mapped addresses ({@code ::ffff:a.b.c.d}, RFC 4291 section 2.5.5.2), which is how a dual-stack
 * socket reaches IPv4 peers; when the kernel reports such an address back,
 * {@link InetAddress#getByAddress(byte[])} turns it into an {@link Inet4Address}.
 *
 * <p>Stateless apart from its table; thread-safe. Decoding allocates (addresses are objects), but only
 * when someone asks for an address, never per read or write.
 */
public final class SockaddrCodec {

    private final SocketAbi abi;

    /** A codec for the structures of {@code abi}'s platform. */
    public SockaddrCodec(SocketAbi abi) {
        this.abi = abi;
    }

    /**
     * Writes {@code address} at index 0 of {@code into} (the buffer's byte order must be the platform's)
     * for a socket of the given family.
     *
     * @return the {@code socklen_t} to pass, or {@code -1} if an IPv6 address was given to an IPv4
     *         socket (the caller reports {@code EAFNOSUPPORT} with its system's number)
     * @throws SocketErrorException {@code EINVAL} if the address is unresolved
     */
    public int encode(InetSocketAddress address, boolean ipv6Socket, ByteBuffer into) throws SocketErrorException {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new SocketErrorException(SocketError.EINVAL, "unresolved address " + address);
        }
        int port = address.getPort();
        for (int i = 0; i < abi.get(SOCKADDR_IN6_SIZE); i++) {
            into.put(i, (byte) 0);
        }
        if (!ipv6Socket) {
            if (!(ip instanceof Inet4Address)) {
                return -1;
            }
            int size = abi.get(SOCKADDR_IN_SIZE);
            putFamily(into, abi.get(AF_INET), size);
            putPort(into, abi.get(SIN_PORT), port);
            into.put(abi.get(SIN_ADDR), ip.getAddress());
            return size;
        }
        int size = abi.get(SOCKADDR_IN6_SIZE);
        putFamily(into, abi.get(AF_INET6), size);
        putPort(into, abi.get(SIN6_PORT), port);
        if (ip instanceof Inet6Address v6) {
            into.put(abi.get(SIN6_ADDR), v6.getAddress());
            into.putInt(abi.get(SIN6_SCOPE_ID), v6.getScopeId());
        } else {
            int at = abi.get(SIN6_ADDR);
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
     * @throws SocketErrorException {@code EAFNOSUPPORT} if the family is neither IPv4 nor IPv6
     */
    public InetSocketAddress decode(ByteBuffer from, int length) throws SocketErrorException {
        int at = abi.get(SIN_FAMILY);
        int family = abi.get(SIN_FAMILY_SIZE) == 1 ? from.get(at) & 0xff : from.getShort(at) & 0xffff;
        try {
            if (family == abi.get(AF_INET) && length >= abi.get(SOCKADDR_IN_SIZE)) {
                byte[] ip = new byte[4];
                from.get(abi.get(SIN_ADDR), ip);
                return new InetSocketAddress(InetAddress.getByAddress(ip), getPort(from, abi.get(SIN_PORT)));
            }
            if (family == abi.get(AF_INET6) && length >= abi.get(SOCKADDR_IN6_SIZE)) {
                byte[] ip = new byte[16];
                from.get(abi.get(SIN6_ADDR), ip);
                int scope = from.getInt(abi.get(SIN6_SCOPE_ID));
                InetAddress address = scope != 0 && !isV4Mapped(ip)
                        ? Inet6Address.getByAddress(null, ip, scope)
                        : InetAddress.getByAddress(ip);
                return new InetSocketAddress(address, getPort(from, abi.get(SIN6_PORT)));
            }
        } catch (UnknownHostException impossible) {
            // getByAddress throws only for a wrong array length, which the code above rules out.
            throw new AssertionError(impossible);
        }
        throw new SocketErrorException(SocketError.EAFNOSUPPORT,
                "unsupported socket address family " + family + " (length " + length + ")");
    }

    // -- UNIX sockets (semantics.md §8.1) --

    /**
     * Writes a {@code struct sockaddr_un} for {@code name} at index 0 of {@code into}: a path (encoded as
     * UTF-8 and NUL-terminated), or a Linux abstract name, whose leading NUL is part of the name and which
     * has no terminator (unix(7), "abstract").
     *
     * @return the {@code socklen_t} to pass
     * @throws SocketErrorException {@code EINVAL} naming the path if it does not fit {@code sun_path}
     */
    public int encodeUnix(String name, ByteBuffer into) throws SocketErrorException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        boolean isAbstract = bytes.length > 0 && bytes[0] == 0;
        int capacity = abi.get(SUN_PATH_SIZE);
        // A path needs room for its terminator; an abstract name may use every byte.
        if (bytes.length == 0 || bytes.length > (isAbstract ? capacity : capacity - 1)) {
            throw new SocketErrorException(SocketError.EINVAL, "UNIX socket path " + (isAbstract ? "@" + name.substring(1) : name)
                    + " is " + bytes.length + " bytes; sun_path holds " + (isAbstract ? capacity : capacity - 1));
        }
        int size = abi.get(SOCKADDR_UN_SIZE);
        for (int i = 0; i < size; i++) {
            into.put(i, (byte) 0);
        }
        int at = abi.get(SUN_PATH);
        into.put(at, bytes);
        int length = at + bytes.length + (isAbstract ? 0 : 1);
        putFamily(into, abi.get(AF_UNIX), length);
        return length;
    }

    /** The address family the kernel wrote at index 0 of {@code from}. */
    public int family(ByteBuffer from) {
        int at = abi.get(SIN_FAMILY);
        return abi.get(SIN_FAMILY_SIZE) == 1 ? from.get(at) & 0xff : from.getShort(at) & 0xffff;
    }

    /** True if {@code from} holds an {@code AF_UNIX} address. */
    public boolean isUnix(ByteBuffer from) {
        return family(from) == abi.get(AF_UNIX);
    }

    /**
     * Reads the {@code sockaddr_un} the kernel wrote: {@code ""} for an unnamed socket, an abstract name
     * with its leading NUL, or a path up to its terminator.
     *
     * @param length the {@code socklen_t} the kernel returned
     */
    public String decodeUnix(ByteBuffer from, int length) {
        int at = abi.get(SUN_PATH);
        int end = Math.min(length, at + abi.get(SUN_PATH_SIZE));
        if (end <= at) {
            return "";
        }
        if (from.get(at) == 0) {
            if (end == at + 1) {
                // BSDs report an unnamed socket as one NUL.
                return "";
            }
            byte[] name = new byte[end - at];
            from.get(at, name);
            return new String(name, StandardCharsets.UTF_8);
        }
        int stop = at;
        while (stop < end && from.get(stop) != 0) {
            stop++;
        }
        byte[] path = new byte[stop - at];
        from.get(at, path);
        return new String(path, StandardCharsets.UTF_8);
    }

    /** BSD structures start with their length in one byte, then a one-byte family. */
    private void putFamily(ByteBuffer into, int family, int size) {
        int at = abi.get(SIN_FAMILY);
        if (abi.get(SIN_FAMILY_SIZE) == 1) {
            into.put(0, (byte) size);
            into.put(at, (byte) family);
        } else {
            into.putShort(at, (short) family);
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
