package dev.twine.nativeio.windows;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Winsock socket addresses: host-order family, network-order port, raw address bytes. */
class SockaddrCodecTest {

    private final ByteBuffer buf = ByteBuffer.allocate(WinLayout.SOCKADDR_STORAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void ipv4IsSixteenBytesWithTheFamilyLittleEndianAndThePortBigEndian() throws Exception {
        int len = SockaddrCodec.encode(buf, 0, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0x1F90));
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
        int len = SockaddrCodec.encode(buf, 0, new InetSocketAddress(InetAddress.getByName("::1"), 443));
        assertEquals(28, len);
        assertEquals(23, buf.getShort(0));
        assertEquals(1, buf.get(8 + 15));
    }

    @Test
    void decodingWhatWasEncodedGivesTheSameAddress() throws Exception {
        for (String host : new String[] {"127.0.0.1", "::1", "10.1.2.3", "fe80::1%1"}) {
            InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(host), 54321);
            SockaddrCodec.encode(buf, 8, a);
            assertEquals(a, SockaddrCodec.decode(buf, 8), host);
        }
    }

    @Test
    void unresolvedAddressesAreEinval() {
        SocketErrorException e = assertThrows(SocketErrorException.class,
                () -> SockaddrCodec.encode(buf, 0, InetSocketAddress.createUnresolved("example.invalid", 1)));
        assertEquals(SocketError.EINVAL, e.error());
    }

    @Test
    void unknownFamiliesAreEafnosupport() {
        buf.putShort(0, (short) 1);
        SocketErrorException e = assertThrows(SocketErrorException.class, () -> SockaddrCodec.decode(buf, 0));
        assertEquals(SocketError.EAFNOSUPPORT, e.error());
    }
}
