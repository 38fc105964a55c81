package dev.twine.nativeio.posix;

import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.testfixtures.Await;
import dev.twine.testfixtures.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.twine.nativeio.posix.DatagramBuffers.bytes;
import static dev.twine.nativeio.posix.DatagramBuffers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The POSIX {@code AF_UNIX} datagram handle (semantics.md §8.9) on real sockets, without any poller: names
 * both ways, unbound senders, abstract names, the errors of a peer that has gone, and drops when the
 * receiver's queue is full.
 */
class PosixUnixDatagramSocketTest {

    @TempDir
    Path dir;

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

    private PosixDatagramSocket socket() throws IOException {
        PosixDatagramSocket s = provider.openUnixDatagram();
        open.add(s);
        return s;
    }

    private PosixDatagramSocket bound(String name) throws IOException {
        PosixDatagramSocket s = socket();
        s.bindUnix(name);
        return s;
    }

    private PosixDatagramSocket connectedTo(String name) throws IOException {
        PosixDatagramSocket s = socket();
        s.connectUnix(name);
        return s;
    }

    @Test
    void boundSocketsExchangeDatagramsFromHeapAndDirectBuffersAndSeeEachOthersPaths() throws IOException {
        String aPath = dir.resolve("a.sock").toString();
        String bPath = dir.resolve("b.sock").toString();
        PosixDatagramSocket a = bound(aPath);
        PosixDatagramSocket b = bound(bPath);
        assertTrue(a.isUnix());
        assertEquals(aPath, a.localUnixName());
        assertNull(b.receiveUnix(ByteBuffer.allocateDirect(16)), "nothing queued yet");
        assertTrue(a.sendUnix(bytes("direct", true), bPath));
        assertTrue(a.sendUnix(bytes("heap", false), bPath));
        for (String expected : List.of("direct", "heap")) {
            ByteBuffer into = expected.equals("heap") ? ByteBuffer.allocate(32) : ByteBuffer.allocateDirect(32);
            String from = Await.until("a datagram", () -> b.receiveUnix(into));
            assertEquals(aPath, from);
            assertEquals(expected, text(into));
        }
    }

    @Test
    void anUnboundSenderIsTheEmptyName() throws IOException {
        String path = dir.resolve("server.sock").toString();
        PosixDatagramSocket server = bound(path);
        PosixDatagramSocket client = socket();
        assertTrue(client.sendUnix(bytes("anon", true), path));
        ByteBuffer into = ByteBuffer.allocateDirect(16);
        assertEquals("", Await.until("a datagram", () -> server.receiveUnix(into)));
        assertEquals("", client.localUnixName());
    }

    @Test
    void abstractNamesCarryTheirLeadingNulBothWays() throws IOException {
        String server = "\0twine-native-dgram-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String client = server + "-client";
        PosixDatagramSocket s = bound(server);
        PosixDatagramSocket c = bound(client);
        c.connectUnix(server);
        assertTrue(c.sendUnix(bytes("abstract", true), null));
        ByteBuffer into = ByteBuffer.allocateDirect(16);
        assertEquals(client, Await.until("a datagram", () -> s.receiveUnix(into)));
        assertEquals(server, s.localUnixName());
    }

    @Test
    void aConnectedSocketSeesItsPeerGoneAsRefusedThenNotConnected() throws IOException {
        String path = dir.resolve("peer.sock").toString();
        PosixDatagramSocket peer = bound(path);
        PosixDatagramSocket c = connectedTo(path);
        assertTrue(c.sendUnix(bytes("one", true), null));
        peer.close();
        // unix(7) on Linux: the first send after the peer closed is refused and drops the association.
        SocketErrorException first = assertThrows(SocketErrorException.class, () -> c.sendUnix(bytes("two", true), null));
        assertEquals(SocketError.ECONNREFUSED, first.error());
        SocketErrorException second = assertThrows(SocketErrorException.class, () -> c.sendUnix(bytes("three", true), null));
        assertEquals(SocketError.ENOTCONN, second.error());
    }

    @Test
    void connectingToAMissingFileIsEnoent() throws IOException {
        PosixDatagramSocket c = socket();
        SocketErrorException e = assertThrows(SocketErrorException.class,
                () -> c.connectUnix(dir.resolve("missing.sock").toString()));
        assertEquals(SocketError.ENOENT, e.error());
    }

    @Test
    void aFullReceiverDropsTheDatagramInsteadOfBlocking() throws IOException {
        String path = dir.resolve("full.sock").toString();
        bound(path);
        PosixDatagramSocket c = socket();
        c.connectUnix(path);
        // The receiver never reads; its queue (net.unix.max_dgram_qlen, 512 by default) fills. Bounded.
        boolean dropped = false;
        for (int i = 0; i < 100_000 && !dropped; i++) {
            dropped = !c.sendUnix(bytes("x", true), null);
        }
        assertTrue(dropped, "a send to a full receiver returns false (EAGAIN) rather than blocking");
    }

    @Test
    void theUnixCallsRefuseAUdpSocketAndAUnixSocketSaysItIsOne() throws IOException {
        PosixDatagramSocket udp = provider.openDatagram(StandardProtocolFamily.INET);
        open.add(udp);
        udp.bind(new InetSocketAddress("127.0.0.1", 0));
        assertFalse(udp.isUnix());
        assertNull(udp.localUnixName());
        assertEquals(SocketError.EAFNOSUPPORT, assertThrows(SocketErrorException.class,
                () -> udp.sendUnix(bytes("x", true), dir.resolve("x").toString())).error());
        assertEquals(SocketError.EAFNOSUPPORT, assertThrows(SocketErrorException.class,
                () -> udp.bindUnix(dir.resolve("x").toString())).error());
        assertTrue(provider.supportsUnixDatagram());
    }

    @Test
    void theIpCallsRefuseAUnixSocketInsteadOfSendingToItsPeer() throws IOException {
        String name = dir.resolve("peer").toString();
        PosixDatagramSocket receiver = bound(name);
        PosixDatagramSocket unix = connectedTo(name);
        InetSocketAddress ip = new InetSocketAddress("127.0.0.1", 9);
        for (IoCall call : List.<IoCall>of(
                () -> unix.send(bytes("x", true), ip),
                () -> unix.send(bytes("x", true), null),
                () -> unix.receive(ByteBuffer.allocateDirect(8)),
                () -> unix.receiveBatch(new ByteBuffer[] {ByteBuffer.allocateDirect(8)}, new InetSocketAddress[1]),
                () -> unix.bind(ip),
                () -> unix.connect(ip))) {
            assertEquals(SocketError.EAFNOSUPPORT, assertThrows(SocketErrorException.class, call::run).error());
        }
        // Nothing reached the connected peer: the refused sends sent nothing.
        assertNull(receiver.receiveUnix(ByteBuffer.allocate(8)));
    }

    /** One handle call that may throw. */
    private interface IoCall {
        void run() throws IOException;
    }
}
