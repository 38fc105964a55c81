package dev.twine.nativeio.windows;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.posix.SockaddrCodec;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Winsock socket addresses through the shared codec with the Windows column: host-order family,
 * network-order port, raw address bytes.
 */
class SockaddrCodecTest {

    private final SockaddrCodec codec = new SockaddrCodec(Platform.WINDOWS.socketAbi());

    private final ByteBuffer buf = ByteBuffer.allocate(WinLayout.SOCKADDR_STORAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void ipv4IsSixteenBytesWithTheFamilyLittleEndianAndThePortBigEndian() throws Exception {
        int len = encode(buf, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0x1F90));
        assertEquals(16, len);
        assertEquals(2, buf.get(0));
        assertEquals(0, buf.get(1));
        assertEquals(0x1F, buf.get(2));
        assertEquals((byte) 0x90, buf.get(3));
        assertEquals(127, buf.get(4));
        assertEquals(1, buf.get(7));
    }

    @Test
    void ipv6IsTwentyEightBytesWithFamily23() throws Exception {
        int len = encode(buf, new InetSocketAddress(InetAddress.getByName("::1"), 443));
        assertEquals(28, len);
        assertEquals(23, buf.getShort(0));
        assertEquals(1, buf.get(8 + 15));
    }

    @Test
    void decodingWhatWasEncodedGivesTheSameAddress() throws Exception {
        for (String host : new String[] {"127.0.0.1", "::1", "10.1.2.3", "fe80::1%1"}) {
            InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(host), 54321);
            ByteBuffer at8 = buf.slice(8, buf.capacity() - 8).order(ByteOrder.LITTLE_ENDIAN);
            int len = encode(at8, a);
            assertEquals(a, codec.decode(at8, len), host);
        }
    }

    @Test
    void unresolvedAddressesAreEinval() {
        SocketErrorException e = assertThrows(SocketErrorException.class,
                () -> encode(buf, InetSocketAddress.createUnresolved("example.invalid", 1)));
        assertEquals(SocketError.EINVAL, e.error());
    }

    @Test
    void unknownFamiliesAreEafnosupport() {
        buf.putShort(0, (short) 1);
        SocketErrorException e = assertThrows(SocketErrorException.class, () -> codec.decode(buf, 28));
        assertEquals(SocketError.EAFNOSUPPORT, e.error());
    }

    /** Windows sockets take the family of the address they are given. */
    private int encode(ByteBuffer into, InetSocketAddress a) throws SocketErrorException {
        return codec.encode(a, a.getAddress() instanceof Inet6Address, into);
    }
}
