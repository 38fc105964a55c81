package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.Win32;
import dev.twine.nativeio.windows.WinsockCalls;
import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.Poller;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.Polls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Winsock UDP handle honours {@link DatagramSocketHandle}: datagrams and their senders on loopback,
 * truncation, "would block" as {@code null}, ICMP refusals on connected sockets only (semantics.md §7.4),
 * readiness through the AFD poll, and the IPv4 multicast options. The peer is the JDK's own
 * {@link DatagramSocket}. Runs on Windows (and under Wine via {@code .ci/wine/run-tck.sh}).
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "Winsock needs Windows; run .ci/wine/run-tck.sh to test it under Wine")
class WinsockDatagramSocketTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private WinsockSocketProvider provider;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void open() {
        provider = new WinsockSocketProvider(new WinsockCalls(Win32.get()));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private WinsockDatagramSocket bound(InetAddress ip) throws IOException {
        StandardProtocolFamily family = ip instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        WinsockDatagramSocket s = (WinsockDatagramSocket) provider.openDatagram(family);
        opened.add(s::close);
        s.bind(new InetSocketAddress(ip, 0));
        return s;
    }

    private DatagramSocket peer() throws IOException {
        DatagramSocket p = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        p.setSoTimeout(10_000);
        opened.add(p);
        return p;
    }

    /** Receives, waiting up to {@link Await#PATIENCE} for the datagram to be queued. */
    private static InetSocketAddress receive(DatagramSocketHandle s, ByteBuffer dst) throws IOException {
        return Await.until("a datagram", () -> s.receive(dst));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aDatagramAndItsSenderArriveIntoADirectOrAHeapBufferAtItsPosition() throws IOException {
        WinsockDatagramSocket s = bound(LOOPBACK);
        DatagramSocket p = peer();
        InetSocketAddress to = s.localAddress();
        assertEquals(LOOPBACK, to.getAddress());
        assertTrue(to.getPort() > 0);
        for (ByteBuffer dst : List.of(ByteBuffer.allocateDirect(64), ByteBuffer.allocate(64))) {
            p.send(new DatagramPacket(ascii("hello"), 5, to));
            dst.position(3);
            assertEquals(p.getLocalSocketAddress(), receive(s, dst));
            assertEquals(8, dst.position());
            byte[] got = new byte[5];
            dst.get(3, got);
            assertArrayEquals(ascii("hello"), got);
        }
    }

    @Test
    void aDatagramIsSentFromAHeapOrADirectBufferWhoseWholeRemainderIsConsumed() throws IOException {
        WinsockDatagramSocket s = bound(LOOPBACK);
        DatagramSocket p = peer();
        ByteBuffer direct = ByteBuffer.allocateDirect(8).put(ascii("xxdirect")).flip().position(2);
        for (ByteBuffer src : List.of(ByteBuffer.wrap(ascii("heap")), direct)) {
            int remaining = src.remaining();
            assertTrue(s.send(src, (InetSocketAddress) p.getLocalSocketAddress()));
            assertFalse(src.hasRemaining());
            DatagramPacket got = new DatagramPacket(new byte[64], 64);
            p.receive(got);
            assertEquals(remaining, got.getLength());
            assertEquals(s.localAddress(), got.getSocketAddress());
        }
    }

    @Test
    void anEmptyDatagramIsADatagramNotTheEndOfAnything() throws IOException {
        WinsockDatagramSocket s = bound(LOOPBACK);
        DatagramSocket p = peer();
        p.send(new DatagramPacket(new byte[0], 0, s.localAddress()));
        ByteBuffer dst = ByteBuffer.allocateDirect(16);
        assertEquals(p.getLocalSocketAddress(), receive(s, dst));
        assertEquals(0, dst.position());
        assertNull(s.receive(dst));
    }

    @Test
    void aDatagramLongerThanTheRoomIsTruncatedAndTheRestDiscarded() throws IOException {
        WinsockDatagramSocket s = bound(LOOPBACK);
        DatagramSocket p = peer();
        p.send(new DatagramPacket(ascii("0123456789"), 10, s.localAddress()));
        p.send(new DatagramPacket(ascii("next"), 4, s.localAddress()));
        ByteBuffer dst = ByteBuffer.allocateDirect(4);
        // Winsock fills the buffer and fails with WSAEMSGSIZE; the SPI reports it as a truncated datagram.
        assertEquals(p.getLocalSocketAddress(), receive(s, dst));
        assertEquals("0123", StandardCharsets.US_ASCII.decode(dst.flip()).toString());
        ByteBuffer second = ByteBuffer.allocate(16);
        receive(s, second);
        assertEquals("next", StandardCharsets.US_ASCII.decode(second.flip()).toString());
    }

    @Test
    void receivingWithNothingQueuedReturnsNull() throws IOException {
        assertNull(bound(LOOPBACK).receive(ByteBuffer.allocateDirect(16)));
    }

    @Test
    void aBatchReadTakesEveryQueuedDatagramInOrder() throws IOException {
        WinsockDatagramSocket s = bound(LOOPBACK);
        DatagramSocket p = peer();
        for (int i = 0; i < 5; i++) {
            p.send(new DatagramPacket(ascii("d" + i), 2, s.localAddress()));
        }
        List<String> got = new ArrayList<>();
        Await.until("five datagrams", () -> {
            ByteBuffer[] dsts = new ByteBuffer[8];
            for (int i = 0; i < dsts.length; i++) {
                dsts[i] = ByteBuffer.allocateDirect(16);
            }
            InetSocketAddress[] senders = new InetSocketAddress[8];
            int n = s.receiveBatch(dsts, senders);
            for (int i = 0; i < n; i++) {
                assertEquals(p.getLocalSocketAddress(), senders[i]);
                got.add(StandardCharsets.US_ASCII.decode(dsts[i].flip()).toString());
            }
            return got.size() == 5 ? got : null;
        });
        assertEquals(List.of("d0", "d1", "d2", "d3", "d4"), got);
    }

    @Test
    void theAfdPollReportsAQueuedDatagramAsReadAndAnIdleSocketAsWrite() throws Exception {
        WinsockDatagramSocket s = bound(LOOPBACK);
        try (IocpPoller poller = new IocpPoller(Win32.get())) {
            poller.register(s, 1, Poller.READ | Poller.WRITE);
            Polls.Report idle = Polls.await(poller, 1, Poller.WRITE);
            assertEquals(0, idle.ops() & Poller.READ, "READ before any datagram: " + idle);
            poller.reregister(s, 1, Poller.READ | Poller.WRITE, Poller.READ);
            assertFalse(Polls.once(poller, TimeUnit.MILLISECONDS.toNanos(50)).containsKey(1L));
            DatagramSocket p = peer();
            p.send(new DatagramPacket(ascii("wake"), 4, s.localAddress()));
            Polls.await(poller, 1, Poller.READ);
            ByteBuffer dst = ByteBuffer.allocateDirect(16);
            assertEquals(p.getLocalSocketAddress(), s.receive(dst));
            assertEquals(4, dst.position());
            poller.deregister(s, Poller.READ);
        }
    }

    @Test
    void aConnectedSocketHearsTheRefusalOfAnEarlierDatagramAsEconnrefused() throws Exception {
        int nobody = closedPort();
        WinsockDatagramSocket s = bound(LOOPBACK);
        s.connect(new InetSocketAddress(LOOPBACK, nobody));
        // Windows reports the ICMP "port unreachable" through recvfrom, Wine through SO_ERROR and sendto:
        // either way the next calls on the socket say ECONNREFUSED (udp(7), semantics.md §7.4).
        SocketErrorException refused = Await.until("ECONNREFUSED", Duration.ofSeconds(10), () -> {
            try {
                s.send(ByteBuffer.wrap(ascii("anyone?")), null);
                s.receive(ByteBuffer.allocateDirect(16));
            } catch (SocketErrorException e) {
                return e;
            }
            Await.sleep(20);
            return null;
        });
        assertEquals(SocketError.ECONNREFUSED, refused.error());
    }

    @Test
    void anUnconnectedSocketSurvivesSendingToAClosedPortAndGoesOnReceiving() throws Exception {
        int nobody = closedPort();
        WinsockDatagramSocket s = bound(LOOPBACK);
        assertTrue(s.icmpReportsOff(), "SIO_UDP_CONNRESET was not taken");
        InetSocketAddress gone = new InetSocketAddress(LOOPBACK, nobody);
        for (int i = 0; i < 5; i++) {
            assertTrue(s.send(ByteBuffer.wrap(ascii("anyone?")), gone));
            Await.sleep(20);
            assertNull(s.receive(ByteBuffer.allocateDirect(16)));
        }
        DatagramSocket p = peer();
        p.send(new DatagramPacket(ascii("still here"), 10, s.localAddress()));
        ByteBuffer dst = ByteBuffer.allocate(32);
        assertEquals(p.getLocalSocketAddress(), receive(s, dst));
        assertEquals(10, dst.position());
    }

    @Test
    void ipv6LoopbackCarriesDatagramsWhenTheHostHasIt() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        WinsockDatagramSocket a;
        try {
            a = bound(v6);
        } catch (SocketErrorException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
            return;
        }
        WinsockDatagramSocket b = bound(v6);
        assertTrue(a.send(ByteBuffer.wrap(ascii("six")), b.localAddress()));
        ByteBuffer dst = ByteBuffer.allocateDirect(8);
        assertEquals(a.localAddress(), receive(b, dst));
        assertEquals(new InetSocketAddress(v6, a.localAddress().getPort()), a.localAddress());
        assertEquals(3, dst.position());
    }

    @Test
    void anIpv4SocketRefusesAnIpv6TargetAndAnOversizedHeapDatagram() throws IOException {
        WinsockDatagramSocket s = bound(LOOPBACK);
        SocketErrorException e = assertThrows(SocketErrorException.class,
                () -> s.send(ByteBuffer.wrap(ascii("x")), new InetSocketAddress(InetAddress.getByName("::1"), 9)));
        assertEquals(SocketError.EAFNOSUPPORT, e.error());
        assertThrows(IllegalArgumentException.class,
                () -> s.send(ByteBuffer.allocate(WinsockCalls.BOUNCE_SIZE + 1), s.localAddress()));
        SocketErrorException big = assertThrows(SocketErrorException.class,
                () -> s.send(ByteBuffer.allocateDirect(70_000), s.localAddress()));
        assertEquals(SocketError.EMSGSIZE, big.error());
    }

    @Test
    void theMulticastOptionsReadBackWhatWasSetWithWindowsNumbers() throws IOException {
        WinsockDatagramSocket s = bound(InetAddress.getByName("0.0.0.0"));
        assertEquals(1, s.getMulticastTtl());
        s.setMulticastTtl(7);
        assertEquals(7, s.getMulticastTtl());
        assertTrue(s.getMulticastLoopback());
        s.setMulticastLoopback(false);
        assertFalse(s.getMulticastLoopback());
        s.setMulticastInterface(LOOPBACK);
        assertEquals(LOOPBACK, s.getMulticastInterface());
        assertTrue(s.receiveBufferSize() > 0);
        s.setSendBufferSize(32 * 1024);
    }

    @Test
    void joiningAndLeavingAGroupSucceedAndANonGroupIsRefused() throws IOException {
        WinsockDatagramSocket s = (WinsockDatagramSocket) provider.openDatagram(StandardProtocolFamily.INET);
        opened.add(s::close);
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
        InetAddress group = InetAddress.getByName("239.255.77.1");
        s.joinGroup(group, LOOPBACK);
        s.leaveGroup(group, LOOPBACK);
        assertThrows(SocketErrorException.class, () -> s.joinGroup(LOOPBACK, LOOPBACK));
        assertThrows(IllegalArgumentException.class, () -> s.joinGroup(InetAddress.getByName("ff02::1"), null));
    }

    @Test
    void callsOnAClosedSocketAreEbadf() throws IOException {
        WinsockDatagramSocket s = bound(LOOPBACK);
        s.close();
        assertEquals(-1, s.fileno());
        assertEquals(SocketError.EBADF, assertThrows(SocketErrorException.class,
                () -> s.receive(ByteBuffer.allocateDirect(4))).error());
        assertEquals(SocketError.EBADF, assertThrows(SocketErrorException.class,
                () -> s.send(ByteBuffer.allocate(1), new InetSocketAddress(LOOPBACK, 9))).error());
        assertEquals(SocketError.EBADF, assertThrows(SocketErrorException.class, s::localAddress).error());
    }

    /** A loopback UDP port nobody listens on: bound once, then closed. */
    private static int closedPort() throws IOException {
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return gone.getLocalPort();
        }
    }
}
