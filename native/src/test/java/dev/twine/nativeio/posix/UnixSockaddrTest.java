package dev.twine.nativeio.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.nativeio.Platform;
import dev.twine.spi.SocketErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * {@code struct sockaddr_un} in each POSIX column of {@link SocketConstant} (semantics.md §8.1): Linux's
 * two-byte family, the BSDs' {@code sun_len} and one-byte family, paths NUL-terminated, abstract names with
 * their leading NUL and no terminator, and the length limit of {@code sun_path}. Pure Java: the BSD layouts
 * are checked here because no BSD runs the suite.
 */
class UnixSockaddrTest {

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(128).order(ByteOrder.nativeOrder());
    }

    @Test
    void aLinuxPathIsTheTwoByteFamilyThenTheBytesThenANul() throws SocketErrorException {
        SockaddrCodec codec = new SockaddrCodec(Platform.LINUX.socketAbi());
        ByteBuffer b = buffer();
        int length = codec.encodeUnix("/tmp/a.sock", b);
        assertEquals(2 + 11 + 1, length);
        assertEquals(1, b.getShort(0));
        assertEquals('/', b.get(2));
        assertEquals(0, b.get(2 + 11));
        assertTrue(codec.isUnix(b));
        assertEquals("/tmp/a.sock", codec.decodeUnix(b, length));
    }

    @Test
    void aBsdPathStartsWithItsLengthAndAOneByteFamily() throws SocketErrorException {
        for (Platform bsd : new Platform[] {Platform.DARWIN, Platform.FREEBSD}) {
            SockaddrCodec codec = new SockaddrCodec(bsd.socketAbi());
            ByteBuffer b = buffer();
            int length = codec.encodeUnix("/var/run/x", b);
            assertEquals(2 + 10 + 1, length, bsd.toString());
            assertEquals(length, b.get(0), "sun_len");
            assertEquals(1, b.get(1), "sun_family");
            assertEquals("/var/run/x", codec.decodeUnix(b, length), bsd.toString());
        }
    }

    @Test
    void anAbstractNameKeepsItsLeadingNulAndHasNoTerminator() throws SocketErrorException {
        SockaddrCodec codec = new SockaddrCodec(Platform.LINUX.socketAbi());
        ByteBuffer b = buffer();
        int length = codec.encodeUnix("\0twine", b);
        assertEquals(2 + 6, length);
        assertEquals("\0twine", codec.decodeUnix(b, length));
    }

    @Test
    void anUnnamedPeerDecodesAsTheEmptyName() {
        SockaddrCodec codec = new SockaddrCodec(Platform.LINUX.socketAbi());
        ByteBuffer b = buffer();
        b.putShort(0, (short) 1);
        assertEquals("", codec.decodeUnix(b, 2));
    }

    @Test
    void aPathLongerThanSunPathIsRefusedNamingIt() throws SocketErrorException {
        String longest = "/" + "p".repeat(106);
        assertEquals(107, longest.length());
        SockaddrCodec linux = new SockaddrCodec(Platform.LINUX.socketAbi());
        ByteBuffer b = buffer();
        assertEquals(2 + 107 + 1, linux.encodeUnix(longest, b));
        SocketErrorException tooLong = assertThrows(SocketErrorException.class, () -> linux.encodeUnix(longest + "p", b));
        assertTrue(tooLong.getMessage().contains(longest + "p"), tooLong.getMessage());
        // The BSDs' sun_path holds 104 bytes, so 103 characters and the NUL.
        SockaddrCodec darwin = new SockaddrCodec(Platform.DARWIN.socketAbi());
        assertThrows(SocketErrorException.class, () -> darwin.encodeUnix("/" + "p".repeat(103), b));
    }
}
