package dev.twine.tck.unix;

import static dev.twine.tck.udp.UdpFixtures.ascii;
import static dev.twine.tck.unix.UnixFixtures.assertDeniedDirectoryFailsNamingThePath;
import static dev.twine.tck.unix.UnixFixtures.assertTooLongPathFailsNamingIt;
import static dev.twine.tck.unix.UnixFixtures.TIMEOUT;
import static dev.twine.tck.unix.UnixFixtures.stop;
import static dev.twine.tck.unix.UnixFixtures.assumeUnixDatagram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IAddress;
import dev.twine.internet.IReactor;
import dev.twine.internet.IUNIXDatagramConnectedTransport;
import dev.twine.internet.IUNIXDatagramTransport;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.udp.UdpFixtures;
import dev.twine.tck.udp.UdpFixtures.Recorder;
import dev.twine.tck.unix.UnixFixtures.ConnectedRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNIX datagram sockets (Twisted's {@code IReactorUNIXDatagram}, semantics.md §8.9): {@code listenUNIXDatagram}
 * and {@code connectUNIXDatagram} over the shared datagram port, with the file handled as {@code listenUNIX}
 * handles it. Every row runs on each backend; those without {@code AF_UNIX} datagram sockets (select, iocp)
 * skip naming why, and the last row checks what they say instead.
 */
class UnixDatagramTest {

    @TempDir
    Path dir;

    /** Records like {@link Recorder} and sends each datagram back to its sender. */
    static final class EchoRecorder extends Recorder {
        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            super.datagramReceived(data, addr);
            transport.write(data, addr);
        }
    }

    @ReactorTest
    void aDatagramMakesARoundTripBetweenTwoBoundPortsAndEachSeesTheOthersName(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        String serverPath = dir.resolve("server.sock").toString();
        String clientPath = dir.resolve("client.sock").toString();
        EchoRecorder server = new EchoRecorder();
        Recorder client = new Recorder();
        client.onDatagram = reactor::stop;
        IUNIXDatagramTransport[] ports = new IUNIXDatagramTransport[2];
        int[] sent = new int[1];
        builder.needsRunningReactor(reactor, () -> {
            ports[0] = reactor.listenUNIXDatagram(serverPath, server);
            ports[1] = reactor.listenUNIXDatagram(clientPath, client);
            sent[0] = ports[1].write(ascii("ping"), serverPath);
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(4, sent[0]);
        assertEquals(List.of("startProtocol", "datagram ping", "stopProtocol"), server.events);
        assertEquals(List.of("startProtocol", "datagram ping", "stopProtocol"), client.events);
        assertEquals(List.of(new UNIXAddress(clientPath)), server.senders);
        assertEquals(List.of(new UNIXAddress(serverPath)), client.senders);
        assertEquals(new UNIXAddress(serverPath), ports[0].getHost());
        // Reactor shutdown closed both ports, and closing removes the files, as listenUNIX's port does.
        assertFalse(Files.exists(Path.of(serverPath), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(Path.of(clientPath), LinkOption.NOFOLLOW_LINKS));
    }

    @ReactorTest
    void aConnectedPortWritesWithoutAnAddressAndReceivesItsPeersDatagrams(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        String serverPath = dir.resolve("server.sock").toString();
        String clientPath = dir.resolve("client.sock").toString();
        EchoRecorder server = new EchoRecorder();
        ConnectedRecorder client = new ConnectedRecorder();
        client.onEvent = reactor::stop;
        List<IUNIXDatagramConnectedTransport> conn = new ArrayList<>();
        builder.needsRunningReactor(reactor, () -> {
            reactor.listenUNIXDatagram(serverPath, server);
            IUNIXDatagramConnectedTransport c = reactor.connectUNIXDatagram(serverPath, client, 8192, 0600, clientPath);
            conn.add(c);
            c.write(ascii("hello"));
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("startProtocol", "datagram hello", "stopProtocol"), client.events);
        assertEquals(List.of(new UNIXAddress(clientPath)), server.senders);
        assertEquals(new UNIXAddress(serverPath), conn.get(0).getPeer());
        assertEquals(new UNIXAddress(clientPath), conn.get(0).getHost());
    }

    @ReactorTest
    void aConnectedPortReportsAPeerThatHasGoneAsConnectionRefusedAndKeepsRunning(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        String serverPath = dir.resolve("server.sock").toString();
        ConnectedRecorder client = new ConnectedRecorder();
        List<Integer> written = new ArrayList<>();
        builder.needsRunningReactor(reactor, () -> {
            IUNIXDatagramTransport server = reactor.listenUNIXDatagram(serverPath, new Recorder());
            IUNIXDatagramConnectedTransport c = reactor.connectUNIXDatagram(serverPath, client);
            server.stopListening().addCallback(x -> {
                // Linux answers the first send with ECONNREFUSED and, having dropped the peer, every later one
                // with ENOTCONN; both are the peer gone (unix(7)).
                written.add(c.write(ascii("one")));
                written.add(c.write(ascii("two")));
                reactor.stop();
                return null;
            });
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of(0, 0), written);
        assertEquals(List.of("startProtocol", "connectionRefused", "connectionRefused", "stopProtocol"), client.events);
    }

    @ReactorTest
    void connectingToAPathWithNoSocketCallsConnectionFailedNamingThePath(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        String path = dir.resolve("nobody.sock").toString();
        ConnectedRecorder client = new ConnectedRecorder();
        reactor.connectUNIXDatagram(path, client);
        assertEquals(List.of("connectionFailed CannotListenError"), client.events);
        CannotListenError e = (CannotListenError) client.failure.value();
        assertTrue(e.getMessage().contains(path), e.getMessage());
        SocketErrorException cause = assertInstanceOf(SocketErrorException.class, e.getCause());
        assertEquals(SocketError.ENOENT, cause.error());
    }

    @ReactorTest
    void aDatagramLongerThanMaxPacketSizeArrivesTruncated(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        String serverPath = dir.resolve("small.sock").toString();
        Recorder server = new Recorder();
        server.onDatagram = reactor::stop;
        builder.needsRunningReactor(reactor, () -> {
            reactor.listenUNIXDatagram(serverPath, server, 4, 0666);
            reactor.listenUNIXDatagram(dir.resolve("sender.sock").toString(), new Recorder())
                    .write(ascii("truncated"), serverPath);
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("startProtocol", "datagram trun", "stopProtocol"), server.events);
    }

    @ReactorTest
    void aReceiverThatDoesNotReadMakesWritesDropAndTheyAreCounted(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        String quiet = dir.resolve("quiet.sock").toString();
        // The reactor is not running: nothing reads the socket, so its queue (net.unix.max_dgram_qlen on
        // Linux) fills.
        IUNIXDatagramTransport receiver = reactor.listenUNIXDatagram(quiet, new Recorder());
        IUNIXDatagramTransport sender = reactor.listenUNIXDatagram(dir.resolve("loud.sock").toString(), new Recorder());
        int sent = 0;
        for (int i = 0; i < 100_000 && sender.droppedDatagrams() == 0; i++) {
            sent += sender.write(ascii("x"), quiet);
        }
        assertTrue(sender.droppedDatagrams() > 0, "a full receiver drops instead of blocking the loop");
        assertTrue(sent > 0);
        receiver.stopListening();
        stop(builder, reactor, sender);
    }

    @ReactorTest
    void writingToANameWhereNothingIsBoundThrowsAsTwistedRaises(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        IUNIXDatagramTransport port = reactor.listenUNIXDatagram(dir.resolve("a.sock").toString(), new Recorder());
        String nobody = dir.resolve("nobody.sock").toString();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> port.write(ascii("x"), nobody));
        assertEquals(SocketError.ENOENT, assertInstanceOf(SocketErrorException.class, e.getCause()).error());
        stop(builder, reactor, port);
    }

    @ReactorTest
    void aStaleSocketFileIsReplacedButALiveSocketKeepsItsPathAndStoppingRemovesTheFile(ReactorBuilder builder)
            throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        Path path = dir.resolve("stale.sock");
        // A socket that went away without unlinking its file, as a crashed process leaves it.
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        Recorder protocol = new Recorder();
        IUNIXDatagramTransport port = reactor.listenUNIXDatagram(path.toString(), protocol);
        // A stream probe of a live datagram socket is refused with EPROTOTYPE, not ECONNREFUSED: it is live.
        CannotListenError live = assertThrows(CannotListenError.class,
                () -> reactor.listenUNIXDatagram(path.toString(), new Recorder()));
        assertTrue(live.getMessage().contains(path.toString()), live.getMessage());
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "the live socket's file is kept");
        stop(builder, reactor, port);
        assertEquals(List.of("startProtocol", "stopProtocol"), protocol.events);
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "stopListening removes the file");
    }

    @ReactorTest
    void theSocketFileGetsTheRequestedMode(ReactorBuilder builder) throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        Path path = dir.resolve("private.sock");
        IUNIXDatagramTransport port = reactor.listenUNIXDatagram(path.toString(), new Recorder(), 8192, 0640);
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
        stop(builder, reactor, port);
    }

    @ReactorTest
    void aPathTooLongForSockaddrUnFailsWithAnErrorNamingIt(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        assertTooLongPathFailsNamingIt(dir, path -> reactor.listenUNIXDatagram(path, new Recorder()));
    }

    @ReactorTest
    void aDirectoryWithoutWritePermissionFailsWithAnErrorNamingThePath(ReactorBuilder builder) throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        assertDeniedDirectoryFailsNamingThePath(dir, path -> reactor.listenUNIXDatagram(path, new Recorder()));
    }

    @ReactorTest
    void anAbstractNameCarriesDatagramsWithoutAFileWhereTheBackendHasThem(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnixDatagram(builder, reactor);
        Assumptions.assumeTrue(reactor.sockets().supportsAbstractUnixNames(),
                builder.backendName() + " has no Linux abstract names (semantics.md §8.1)");
        String name = "@twine-tck-dgram-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String clientName = name + "-client";
        EchoRecorder server = new EchoRecorder();
        ConnectedRecorder client = new ConnectedRecorder();
        client.onEvent = reactor::stop;
        IUNIXDatagramTransport[] port = new IUNIXDatagramTransport[1];
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenUNIXDatagram(name, server);
            reactor.connectUNIXDatagram(name, client, 8192, 0666, clientName).write(ascii("abstract"));
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("startProtocol", "datagram abstract", "stopProtocol"), client.events);
        assertEquals(new UNIXAddress("\0" + name.substring(1)), port[0].getHost());
        assertEquals(List.of(new UNIXAddress("\0" + clientName.substring(1))), server.senders);
        assertFalse(Files.exists(Path.of(name.substring(1))));
    }

    @ReactorTest
    void aBackendWithoutUnixDatagramSocketsFailsNamingThePathAndTheReason(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Assumptions.assumeFalse(reactor.sockets().supportsUnixDatagram(),
                builder.backendName() + " has UNIX datagram sockets; the rows above cover it");
        String path = dir.resolve("none.sock").toString();
        CannotListenError e = assertThrows(CannotListenError.class,
                () -> reactor.listenUNIXDatagram(path, new UdpFixtures.Echo()));
        assertTrue(e.getMessage().contains(path), e.getMessage());
        assertTrue(e.getMessage().contains("no UNIX datagram sockets"), e.getMessage());
        ConnectedRecorder client = new ConnectedRecorder();
        reactor.connectUNIXDatagram(path, client);
        assertEquals(List.of("connectionFailed CannotListenError"), client.events);
        assertTrue(client.failure.value().getMessage().contains(path), client.failure.value().getMessage());
        assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS));
    }
}
