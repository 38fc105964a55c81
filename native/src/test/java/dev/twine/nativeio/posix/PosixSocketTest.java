package dev.twine.nativeio.posix;

import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.LoopbackSockets;
import dev.twine.testfixtures.Platform;
import dev.twine.testfixtures.SocketIo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The POSIX socket handles on real loopback sockets, without any poller. */
class PosixSocketTest {

    private SocketCalls calls;
    private PosixSocketProvider provider;
    private LoopbackSockets<PosixStreamSocket, PosixListeningSocket> sockets;

    @BeforeEach
    void bind() {
        Platform.assumeLinux();
        calls = LinuxBindings.load().socketCalls();
        provider = new PosixSocketProvider(calls);
        sockets = LoopbackSockets.over(provider, PosixStreamSocket.class, PosixListeningSocket.class);
    }

    @AfterEach
    void closeAll() throws IOException {
        if (sockets != null) {
            sockets.close();
        }
    }

    private <H extends PosixHandle> H track(H handle) {
        return sockets.track(handle);
    }

    private PosixStreamSocket[] pair(String host) throws IOException {
        return sockets.pair(InetAddress.getByName(host));
    }

    private static InetSocketAddress anyPort(String host) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(host), 0);
    }

    /** Reads exactly {@code count} bytes, into direct memory or the heap (the two native paths). */
    private static byte[] readFully(PosixStreamSocket socket, int count, boolean direct) throws IOException {
        return SocketIo.readExactly(socket, direct ? ByteBuffer.allocateDirect(count) : ByteBuffer.allocate(count));
    }

    @Test
    void listenOnPortZeroReportsTheRealPort() throws IOException {
        PosixListeningSocket listener = track(provider.listen(anyPort("127.0.0.1"), 4));
        InetSocketAddress bound = listener.localAddress();
        assertEquals("127.0.0.1", bound.getAddress().getHostAddress());
        assertNotEquals(0, bound.getPort());
        assertTrue(listener.fileno() >= 0);
    }

    @Test
    void acceptReturnsNullWhenNoConnectionIsPending() throws IOException {
        PosixListeningSocket listener = track(provider.listen(anyPort("127.0.0.1"), 4));
        assertNull(listener.accept());
    }

    @Test
    void everySocketIsNonBlockingAndCloseOnExec() throws IOException {
        PosixListeningSocket listener = track(provider.listen(anyPort("127.0.0.1"), 4));
        PosixStreamSocket[] pair = pair("127.0.0.1");
        PosixSockets sys = dev.twine.nativeio.linux.LinuxBindings.load().sockets();
        SocketAbi abi = calls.abi();
        for (PosixHandle handle : List.of(listener, pair[0], pair[1])) {
            int fd = handle.fileno();
            assertTrue((sys.fcntl(fd, abi.get(SocketConstant.F_GETFL), 0) & abi.get(SocketConstant.O_NONBLOCK)) != 0, handle + " is non-blocking");
            assertTrue((sys.fcntl(fd, abi.get(SocketConstant.F_GETFD), 0) & abi.get(SocketConstant.FD_CLOEXEC)) != 0, handle + " is close-on-exec");
        }
    }

    @Test
    void readReturnsZeroWhenNothingIsAvailable() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        assertEquals(0, pair[1].read(ByteBuffer.allocate(16)));
        assertEquals(0, pair[1].read(ByteBuffer.allocateDirect(16)));
    }

    @Test
    void bytesWrittenFromHeapAndDirectBuffersArriveInOrder() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        ByteBuffer heap = ByteBuffer.wrap("hello, ".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer direct = ByteBuffer.allocateDirect(6).put("world!".getBytes(StandardCharsets.US_ASCII)).flip();
        assertEquals(7, pair[0].write(heap));
        assertEquals(6, pair[0].write(direct));
        assertFalse(heap.hasRemaining());
        assertFalse(direct.hasRemaining());
        assertEquals("hello, world!", new String(readFully(pair[1], 13, false), StandardCharsets.US_ASCII));
    }

    @Test
    void readsIntoHeapAndDirectBuffersAdvanceTheirPositions() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        pair[0].write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        ByteBuffer heap = ByteBuffer.allocate(8).position(3).limit(5);
        Await.until("two bytes", () -> pair[1].read(heap) > 0 && !heap.hasRemaining() ? Boolean.TRUE : null);
        assertEquals(5, heap.position());
        assertArrayEquals(new byte[] {0, 0, 0, 1, 2, 0, 0, 0}, heap.array());
        assertArrayEquals(new byte[] {3, 4}, readFully(pair[1], 2, true));
    }

    @Test
    void gatheringWriteSendsMixedBuffersInOrderAndAdvancesEachPosition() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        Random random = new Random(7);
        byte[] expected = new byte[3 + 100_000 + 5000 + 1];
        random.nextBytes(expected);
        // Heap, then a heap buffer larger than the staging area, then direct, then heap again.
        ByteBuffer[] srcs = {
            ByteBuffer.allocate(0),
            ByteBuffer.wrap(expected, 0, 3).slice(),
            ByteBuffer.wrap(expected, 3, 100_000).slice(),
            ByteBuffer.allocateDirect(5000).put(expected, 100_003, 5000).flip(),
            ByteBuffer.wrap(expected, 105_003, 1).slice(),
        };
        ByteBuffer received = ByteBuffer.allocate(expected.length);
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        while (received.hasRemaining() && System.nanoTime() < deadline) {
            long written = pair[0].write(srcs, 0, srcs.length);
            assertTrue(written >= 0);
            pair[1].read(received);
        }
        assertFalse(received.hasRemaining(), "all bytes arrived");
        assertArrayEquals(expected, received.array());
        for (ByteBuffer src : srcs) {
            assertFalse(src.hasRemaining());
        }
    }

    @Test
    void readReturnsMinusOneAfterThePeerShutsDownItsOutput() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        pair[0].write(ByteBuffer.wrap(new byte[] {42}));
        pair[0].shutdownOutput();
        assertArrayEquals(new byte[] {42}, readFully(pair[1], 1, false));
        ByteBuffer more = ByteBuffer.allocate(4);
        int last = Await.until("EOF", () -> {
            int n = pair[1].read(more);
            return n == 0 ? null : n;
        });
        assertEquals(-1, last);
        // The half-closed side can still send the other way.
        assertEquals(2, pair[1].write(ByteBuffer.wrap(new byte[] {5, 6})));
        assertArrayEquals(new byte[] {5, 6}, readFully(pair[0], 2, true));
    }

    @Test
    void abortMakesThePeerSeeConnectionReset() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        pair[0].abort();
        assertFalse(pair[0].isOpen());
        assertEquals(-1, pair[0].fileno());
        SocketErrorException reset = assertThrows(SocketErrorException.class,
                () -> Await.until("reset", () -> pair[1].read(ByteBuffer.allocate(8)) == 0 ? null : Boolean.TRUE));
        assertEquals(SocketError.ECONNRESET, reset.error());
        assertEquals(104, reset.osCode());
        assertTrue(reset.getMessage().contains("recv"), reset.getMessage());
    }

    @Test
    void writingToAResetConnectionFailsWithEpipe() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        pair[0].abort();
        ByteBuffer data = ByteBuffer.allocate(1024);
        // The first write may report the reset itself; once the kernel has recorded it, EPIPE.
        SocketErrorException error = assertThrows(SocketErrorException.class, () -> Await.until("EPIPE", () -> {
            try {
                pair[1].write(data.clear());
                return null;
            } catch (SocketErrorException e) {
                if (e.error() == SocketError.ECONNRESET) {
                    return null;
                }
                throw e;
            }
        }));
        assertEquals(SocketError.EPIPE, error.error());
    }

    @Test
    void connectingToAPortNobodyListensOnFailsWithEconnrefused() throws IOException {
        PosixListeningSocket listener = provider.listen(anyPort("127.0.0.1"), 1);
        InetSocketAddress closedPort = listener.localAddress();
        listener.close();
        PosixStreamSocket client = track(provider.openStream(StandardProtocolFamily.INET));
        SocketErrorException refused = assertThrows(SocketErrorException.class, () -> {
            if (!client.connect(closedPort)) {
                Await.until("connect result", () -> client.finishConnect() ? Boolean.TRUE : null);
            }
        });
        assertEquals(SocketError.ECONNREFUSED, refused.error());
    }

    @Test
    void finishConnectIsFalseWhileUnconnected() throws IOException {
        PosixStreamSocket client = track(provider.openStream(StandardProtocolFamily.INET));
        assertFalse(client.finishConnect());
        assertNull(client.remoteAddress());
    }

    @Test
    void addressesOfAConnectedPairMirrorEachOther() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        assertEquals(pair[0].localAddress(), pair[1].remoteAddress());
        assertEquals(pair[1].localAddress(), pair[0].remoteAddress());
        assertInstanceOf(Inet4Address.class, pair[0].remoteAddress().getAddress());
    }

    @Test
    void boundClientUsesTheAddressItWasBoundTo() throws IOException {
        PosixListeningSocket listener = track(provider.listen(anyPort("127.0.0.1"), 4));
        PosixStreamSocket client = track(provider.openStream(StandardProtocolFamily.INET));
        client.bind(anyPort("127.0.0.1"));
        int boundPort = client.localAddress().getPort();
        assertNotEquals(0, boundPort);
        if (!client.connect(listener.localAddress())) {
            Await.until("connect", () -> client.finishConnect() ? Boolean.TRUE : null);
        }
        PosixStreamSocket server = track(Await.until("accept", listener::accept));
        assertEquals(boundPort, server.remoteAddress().getPort());
    }

    @Test
    void ipv6LoopbackPairExchangesData() throws IOException {
        assumeIpv6Loopback();
        PosixStreamSocket[] pair = pair("::1");
        assertTrue(pair[0].isIpv6());
        assertInstanceOf(Inet6Address.class, pair[0].remoteAddress().getAddress());
        assertEquals(pair[0].localAddress(), pair[1].remoteAddress());
        pair[1].write(ByteBuffer.wrap(new byte[] {9, 8, 7}));
        assertArrayEquals(new byte[] {9, 8, 7}, readFully(pair[0], 3, false));
    }

    @Test
    void ipv6SocketReachesAnIpv4ListenerThroughAMappedAddress() throws IOException {
        assumeIpv6Loopback();
        PosixListeningSocket listener = track(provider.listen(anyPort("127.0.0.1"), 4));
        PosixStreamSocket client = track(provider.openStream(StandardProtocolFamily.INET6));
        try {
            if (!client.connect(listener.localAddress())) {
                Await.until("connect", () -> client.finishConnect() ? Boolean.TRUE : null);
            }
        } catch (SocketErrorException e) {
            assumeTrue(false, "no dual-stack sockets here: " + e.getMessage());
        }
        PosixStreamSocket server = track(Await.until("accept", listener::accept));
        // The kernel reports ::ffff:127.0.0.1, which the codec turns back into the IPv4 host.
        assertEquals(listener.localAddress(), client.remoteAddress());
        assertEquals(client.localAddress().getPort(), server.remoteAddress().getPort());
    }

    @Test
    void ipv4SocketRefusesAnIpv6DestinationWithEafnosupport() throws IOException {
        PosixStreamSocket client = track(provider.openStream(StandardProtocolFamily.INET));
        SocketErrorException error = assertThrows(SocketErrorException.class,
                () -> client.connect(new InetSocketAddress(Inet6Address.getByName("::1"), 9)));
        assertEquals(SocketError.EAFNOSUPPORT, error.error());
    }

    @Test
    void tcpOptionsRoundTrip() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        pair[0].setTcpNoDelay(true);
        pair[0].setKeepAlive(true);
        assertTrue(pair[0].getTcpNoDelay());
        assertTrue(pair[0].getKeepAlive());
        pair[0].setTcpNoDelay(false);
        pair[0].setKeepAlive(false);
        assertFalse(pair[0].getTcpNoDelay());
        assertFalse(pair[0].getKeepAlive());
    }

    @Test
    void listeningTwiceOnOnePortFailsWithEaddrinuse() throws IOException {
        PosixListeningSocket first = track(provider.listen(anyPort("127.0.0.1"), 4));
        SocketErrorException error = assertThrows(SocketErrorException.class,
                () -> track(provider.listen(first.localAddress(), 4)));
        assertEquals(SocketError.EADDRINUSE, error.error());
    }

    @Test
    void aClosedHandleFailsCallsWithEbadfAndClosesOnlyOnce() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        pair[0].close();
        pair[0].close();
        assertFalse(pair[0].isOpen());
        assertEquals(-1, pair[0].fileno());
        SocketErrorException error = assertThrows(SocketErrorException.class,
                () -> pair[0].write(ByteBuffer.wrap(new byte[1])));
        assertEquals(SocketError.EBADF, error.error());
        pair[0].abort();
        int end = Await.until("EOF", () -> {
            int n = pair[1].read(ByteBuffer.allocate(1));
            return n == 0 ? null : n;
        });
        assertEquals(-1, end, "the peer saw an orderly close, and abort after close did nothing");
    }

    @Test
    void readingIntoAReadOnlyBufferIsRefused() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        assertThrows(java.nio.ReadOnlyBufferException.class,
                () -> pair[0].read(ByteBuffer.allocate(4).asReadOnlyBuffer()));
    }

    private void assumeIpv6Loopback() throws IOException {
        try {
            provider.listen(anyPort("::1"), 1).close();
        } catch (SocketErrorException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
        }
    }

    @Test
    void emptyTransfersMakeNoSystemCall() throws IOException {
        PosixStreamSocket[] pair = pair("127.0.0.1");
        assertEquals(0, pair[0].write(ByteBuffer.allocate(0)));
        assertEquals(0, pair[0].write(new ByteBuffer[] {ByteBuffer.allocate(0)}, 0, 1));
        assertEquals(0, pair[1].read(ByteBuffer.allocate(0)));
        assertTrue(Arrays.stream(new int[] {pair[0].fileno(), pair[1].fileno()}).allMatch(fd -> fd >= 0));
    }
}
