package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorSocket;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.SocketCalls;
import dev.twine.tck.BackgroundReactor;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sockets made outside Twine, taken over by descriptor (semantics.md §9, Twisted's {@code IReactorSocket}
 * and {@code twisted/internet/test/test_socket.py} {@code ReactorSocketTestsBuilder}): a listening TCP or
 * UNIX socket becomes a port, a connected one a connection, a bound UDP socket a datagram port. The sockets
 * are made with the native layer's own calls, as another program would make them, and the test closes its
 * own descriptor right after handing it over, which the adopted socket must survive. Backends that cannot
 * adopt say so.
 */
class AdoptSocketTest {
    private static final double TIMEOUT = 60;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    /** The raw calls of a backend that adopts descriptors; other backends skip, naming why. */
    private static SocketCalls rawCalls(ReactorBuilder builder, IReactor reactor) {
        Assumptions.assumeTrue(reactor.sockets().supportsAdoption(),
                builder.backendName() + " cannot adopt descriptors (semantics.md §9)");
        return ((PosixSocketProvider) reactor.sockets()).calls();
    }

    /** Echoes every byte. */
    private static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    @ReactorTest
    void anAdoptedListeningTcpSocketServesConnectionsOnItsOwnPort(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        SocketCalls calls = rawCalls(builder, reactor);
        int fd = calls.openStream(false);
        calls.bind(fd, false, new InetSocketAddress(LOOPBACK, 0));
        calls.listen(fd, 16);
        int boundPort = calls.localAddress(fd).getPort();
        try (BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT)) {
            IListeningPort port = bg.call(() -> {
                IReactorSocket adopting = (IReactorSocket) reactor;
                IListeningPort adopted = adopting.adoptStreamPort(fd, StandardProtocolFamily.INET,
                        Factory.forProtocol(Echo::new));
                adopting.closeFileDescriptor(fd);
                return adopted;
            });
            assertEquals(boundPort, port.getHost().port(), "getHost is the adopted socket's own address");
            for (int i = 0; i < 2; i++) {
                try (Socket client = new Socket(LOOPBACK, boundPort)) {
                    assertEquals("ping " + i, echo(client, "ping " + i));
                }
            }
            bg.call(port::stopListening);
            bg.stopAndJoin();
        }
    }

    @ReactorTest
    void anAdoptedListeningUnixSocketServesConnectionsAndNamesItsPath(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        SocketCalls calls = rawCalls(builder, reactor);
        String path = dir.resolve("adopted.sock").toString();
        int fd = calls.openUnixStream();
        calls.bindUnix(fd, path);
        calls.listen(fd, 16);
        try (BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT)) {
            IListeningPort port = bg.call(() -> ((IReactorSocket) reactor).adoptStreamPort(fd,
                    StandardProtocolFamily.UNIX, Factory.forProtocol(Echo::new)));
            calls.close(fd);
            assertEquals(new UNIXAddress(path), port.getHost());
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                client.write(ByteBuffer.wrap("over unix".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer back = ByteBuffer.allocate(9);
                while (back.hasRemaining() && client.read(back) >= 0) {
                    // read until the echo is whole
                }
                assertEquals("over unix", new String(back.array(), StandardCharsets.US_ASCII));
            }
            bg.call(port::stopListening);
            bg.stopAndJoin();
        }
    }

    @ReactorTest
    void anAdoptedConnectedSocketIsServedAsAnAcceptedConnection(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        SocketCalls calls = rawCalls(builder, reactor);
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch lost = new CountDownLatch(1);
        int[] peerPort = new int[1];
        try (ServerSocket outside = new ServerSocket(0, 1, LOOPBACK)) {
            peerPort[0] = outside.getLocalPort();
            int fd = calls.openStream(false);
            calls.connect(fd, false, new InetSocketAddress(LOOPBACK, outside.getLocalPort()));
            try (Socket far = outside.accept(); BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT)) {
                far.setSoTimeout((int) (TIMEOUT * 1000));
                IAddress[] built = new IAddress[1];
                bg.call(() -> {
                    ((IReactorSocket) reactor).adoptStreamConnection(fd, StandardProtocolFamily.INET, new Factory(
                            () -> new Protocol() {
                                @Override
                                public void connectionMade() {
                                    events.add("made, peer port " + transport.getPeer().port());
                                    transport.write("hello from the adopted side".getBytes(StandardCharsets.US_ASCII));
                                }

                                @Override
                                public void connectionLost(Failure reason) {
                                    events.add("lost " + reason.type().getSimpleName());
                                    lost.countDown();
                                }
                            }) {
                        @Override
                        public dev.twine.internet.IProtocol buildProtocol(IAddress addr) {
                            built[0] = addr;
                            return super.buildProtocol(addr);
                        }
                    });
                    return null;
                });
                calls.close(fd);
                assertEquals("hello from the adopted side", new String(far.getInputStream().readNBytes(27), StandardCharsets.US_ASCII));
                far.close();
                assertTrue(lost.await((long) TIMEOUT, TimeUnit.SECONDS), "the adopted connection saw the end");
                bg.stopAndJoin();
                assertEquals(outside.getLocalPort(), built[0].port(), "buildProtocol got the peer's address");
            }
        }
        assertEquals(List.of("made, peer port " + peerPort[0], "lost ConnectionDone"), events);
    }

    @ReactorTest
    void anAdoptedUdpSocketIsADatagramPort(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        SocketCalls calls = rawCalls(builder, reactor);
        int fd = calls.openDatagram(false);
        calls.bind(fd, false, new InetSocketAddress(LOOPBACK, 0));
        int boundPort = calls.localAddress(fd).getPort();
        try (BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT)) {
            IUDPTransport port = bg.call(() -> ((IReactorSocket) reactor).adoptDatagramPort(fd,
                    StandardProtocolFamily.INET, new DatagramProtocol() {
                        @Override
                        public void datagramReceived(byte[] data, IAddress addr) {
                            transport.write(data, addr);
                        }
                    }, 8192));
            calls.close(fd);
            assertEquals(boundPort, port.getHost().port());
            try (DatagramSocket client = new DatagramSocket(0, LOOPBACK)) {
                client.setSoTimeout((int) (TIMEOUT * 1000));
                byte[] ping = "datagram".getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(ping, ping.length, LOOPBACK, boundPort));
                DatagramPacket back = new DatagramPacket(new byte[64], 64);
                client.receive(back);
                assertEquals("datagram", new String(back.getData(), 0, back.getLength(), StandardCharsets.US_ASCII));
            }
            bg.call(port::stopListening);
            bg.stopAndJoin();
        }
    }

    @ReactorTest
    void aDescriptorThatIsNotOpenIsRefusedNamingItAndTheReactorServesOn(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        rawCalls(builder, reactor);
        // Above the process's descriptor limit, so never open: a closed small number could be reused at once.
        int fd = 1_000_000;
        try (BackgroundReactor bg = builder.runReactorInBackground(reactor, TIMEOUT)) {
            CannotListenError refused = assertThrows(CannotListenError.class, () -> bg.call(() ->
                    ((IReactorSocket) reactor).adoptStreamPort(fd, StandardProtocolFamily.INET,
                            Factory.forProtocol(Echo::new))));
            assertTrue(refused.getMessage().contains("descriptor " + fd) && refused.getMessage().contains("EBADF"),
                    refused.getMessage());
            IListeningPort port = bg.call(() -> reactor.listenTCP(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1"));
            try (Socket client = new Socket(LOOPBACK, port.getHost().port())) {
                assertEquals("still serving", echo(client, "still serving"));
            }
            bg.call(port::stopListening);
            bg.stopAndJoin();
        }
    }

    @ReactorTest
    void aBackendThatCannotAdoptSaysSoNamingItself(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Assumptions.assumeFalse(reactor.sockets().supportsAdoption(),
                builder.backendName() + " adopts descriptors; the refusal is for backends that cannot");
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> ((IReactorSocket) reactor).adoptStreamPort(3, StandardProtocolFamily.INET,
                        Factory.forProtocol(Echo::new)));
        assertTrue(refused.getMessage().contains(builder.backendName()), refused.getMessage());
        assertInstanceOf(IReactorSocket.class, reactor);
    }

    private static String echo(Socket client, String text) throws IOException {
        client.setSoTimeout((int) (TIMEOUT * 1000));
        client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        return new String(client.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
    }
}
