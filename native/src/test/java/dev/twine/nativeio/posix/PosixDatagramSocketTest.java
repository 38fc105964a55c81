package dev.twine.nativeio.posix;

import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static dev.twine.nativeio.posix.DatagramBuffers.bytes;
import static dev.twine.nativeio.posix.DatagramBuffers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The POSIX UDP handle on real loopback sockets, without any poller. */
class PosixDatagramSocketTest {

    private PosixSocketProvider provider;
    private final List<PosixDatagramSocket> open = new ArrayList<>();

    @BeforeEach
    void bind() {
        Platform.assumeLinux();
        provider = new PosixSocketProvider(LinuxBindings.load().socketCalls());
    }

    @AfterEach
    void closeAll() {
        open.forEach(PosixDatagramSocket::close);
    }

    private PosixDatagramSocket bound(String host) throws IOException {
        InetAddress ip = InetAddress.getByName(host);
        PosixDatagramSocket s = provider.openDatagram(ip instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        open.add(s);
        s.bind(new InetSocketAddress(ip, 0));
        return s;
    }

    private static InetSocketAddress awaitDatagram(PosixDatagramSocket s, ByteBuffer into) throws IOException {
        return Await.until("a datagram", () -> s.receive(into));
    }

    @Test
    void receiveReturnsNullWhenNoDatagramIsQueued() throws IOException {
        assertNull(bound("127.0.0.1").receive(ByteBuffer.allocateDirect(16)));
    }

    @Test
    void datagramsFromHeapAndDirectBuffersArriveWholeWithTheirSender() throws IOException {
        PosixDatagramSocket a = bound("127.0.0.1");
        PosixDatagramSocket b = bound("127.0.0.1");
        ByteBuffer direct = bytes("direct", true);
        assertTrue(a.send(direct, b.localAddress()));
        assertEquals(direct.limit(), direct.position());
        ByteBuffer into = ByteBuffer.allocateDirect(64);
        assertEquals(a.localAddress(), awaitDatagram(b, into));
        assertEquals("direct", text(into));

        assertTrue(a.send(bytes("heap", false), b.localAddress()));
        ByteBuffer heap = ByteBuffer.allocate(64);
        assertEquals(a.localAddress(), awaitDatagram(b, heap));
        assertEquals("heap", text(heap));
    }

    @Test
    void aDatagramLongerThanTheBufferIsTruncated() throws IOException {
        PosixDatagramSocket a = bound("127.0.0.1");
        PosixDatagramSocket b = bound("127.0.0.1");
        a.send(bytes("0123456789", true), b.localAddress());
        ByteBuffer small = ByteBuffer.allocateDirect(4);
        awaitDatagram(b, small);
        assertEquals("0123", text(small));
        assertNull(b.receive(ByteBuffer.allocateDirect(16)), "the rest of the datagram is discarded");
    }

    @Test
    void ipv6DatagramsCarryAnIpv6Sender() throws IOException {
        PosixDatagramSocket a = bound("::1");
        PosixDatagramSocket b = bound("::1");
        a.send(bytes("six", true), b.localAddress());
        ByteBuffer into = ByteBuffer.allocateDirect(16);
        assertEquals(a.localAddress(), awaitDatagram(b, into));
        assertEquals("six", text(into));
    }

    @Test
    void aConnectedSocketReportsAnIcmpRefusalAsEconnrefused() throws IOException {
        PosixDatagramSocket gone = bound("127.0.0.1");
        InetSocketAddress nobody = gone.localAddress();
        gone.close();
        PosixDatagramSocket a = bound("127.0.0.1");
        a.connect(nobody);
        assertTrue(a.send(bytes("anyone?", true), null));
        SocketErrorException refused = assertThrows(SocketErrorException.class,
                () -> Await.until("the refusal", () -> a.receive(ByteBuffer.allocateDirect(16))));
        assertEquals(SocketError.ECONNREFUSED, refused.error());
    }

    private static List<String> receiveAll(PosixDatagramSocket s, int expected, boolean direct) throws IOException {
        List<String> got = new ArrayList<>();
        ByteBuffer[] buffers = new ByteBuffer[4];
        InetSocketAddress[] senders = new InetSocketAddress[4];
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (got.size() < expected && System.nanoTime() < deadline) {
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = direct ? ByteBuffer.allocateDirect(3) : ByteBuffer.allocate(3);
            }
            int n = s.receiveBatch(buffers, senders);
            for (int i = 0; i < n; i++) {
                got.add(text(buffers[i]) + "@" + senders[i].getPort());
            }
        }
        return got;
    }

    @Test
    void aBatchReadFillsOneBufferPerDatagramWithEachSenderAndTruncatesLongOnes() throws IOException {
        PosixDatagramSocket a = bound("127.0.0.1");
        PosixDatagramSocket b = bound("127.0.0.1");
        PosixDatagramSocket c = bound("127.0.0.1");
        for (String m : new String[] {"1", "22", "333", "4444", "55555"}) {
            (m.length() % 2 == 0 ? c : a).send(bytes(m, true), b.localAddress());
        }
        int pa = a.localAddress().getPort();
        int pc = c.localAddress().getPort();
        assertEquals(List.of("1@" + pa, "22@" + pc, "333@" + pa, "444@" + pc, "555@" + pa), receiveAll(b, 5, true));
        assertNull(b.receive(ByteBuffer.allocateDirect(8)));
    }

    @Test
    void aBatchReadIntoHeapBuffersTakesTheOneAtATimePath() throws IOException {
        PosixDatagramSocket a = bound("127.0.0.1");
        PosixDatagramSocket b = bound("127.0.0.1");
        for (String m : new String[] {"x", "yy", "zzz"}) {
            a.send(bytes(m, false), b.localAddress());
        }
        int pa = a.localAddress().getPort();
        assertEquals(List.of("x@" + pa, "yy@" + pa, "zzz@" + pa), receiveAll(b, 3, false));
    }
}
