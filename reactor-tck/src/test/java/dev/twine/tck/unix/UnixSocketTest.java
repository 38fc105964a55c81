package dev.twine.tck.unix;

import static dev.twine.tck.unix.UnixFixtures.assertDeniedDirectoryFailsNamingThePath;
import static dev.twine.tck.unix.UnixFixtures.assertTooLongPathFailsNamingIt;
import static dev.twine.tck.unix.UnixFixtures.TIMEOUT;
import static dev.twine.tck.unix.UnixFixtures.stop;
import static dev.twine.tck.unix.UnixFixtures.assumeUnix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.BadFileError;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.ConnectError;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.unix.UnixFixtures.Echo;
import dev.twine.tck.unix.UnixFixtures.EchoClient;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNIX stream sockets (semantics.md §8): {@code listenUNIX}/{@code connectUNIX} over the shared stream
 * transport, stale socket files, Twisted's lock files, the file mode, and the errors that name the path.
 */
class UnixSocketTest {

    @TempDir
    Path dir;

    @ReactorTest
    void aClientEchoesThroughAUnixSocketAndBothEndsSeeUnixAddresses(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        String path = dir.resolve("echo.sock").toString();
        byte[] message = "hello over AF_UNIX\n".getBytes(StandardCharsets.US_ASCII);
        List<IAddress> serverSaw = new ArrayList<>();
        EchoClient client = new EchoClient(message, reactor::stop);
        IListeningPort[] port = new IListeningPort[1];
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenUNIX(path, new ServerFactory(() -> new Echo() {
                @Override
                public void connectionMade() {
                    serverSaw.add(transport.getHost());
                    serverSaw.add(transport.getPeer());
                }
            }));
            reactor.connectUNIX(path, client);
        });
        builder.runReactor(reactor, TIMEOUT);
        assertNull(client.failed.get());
        assertArrayEquals(message, client.received.toByteArray());
        assertEquals(new UNIXAddress(path), port[0].getHost());
        assertEquals(List.of(new UNIXAddress(path), new UNIXAddress("")), serverSaw);
        // Reactor shutdown closed the port, as stopListening would have.
        assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), "closing the port removes its file");
    }

    @ReactorTest
    void aStaleSocketFileIsReplacedButALiveListenerFailsWithCannotListenError(ReactorBuilder builder)
            throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        Path path = dir.resolve("stale.sock");
        // A listener that went away without unlinking its file, as a crashed process leaves it.
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
        IListeningPort port = reactor.listenUNIX(path.toString(), new ServerFactory(Echo::new));
        CannotListenError live = assertThrows(CannotListenError.class,
                () -> reactor.listenUNIX(path.toString(), new ServerFactory(Echo::new)));
        assertTrue(live.getMessage().contains(path.toString()), live.getMessage());
        assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "the live listener's file is kept");
        stop(builder, reactor, port);
    }

    @ReactorTest
    void aFileThatIsNotASocketIsNeverRemoved(ReactorBuilder builder) throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        Path path = dir.resolve("data.txt");
        Files.writeString(path, "keep me");
        CannotListenError e = assertThrows(CannotListenError.class,
                () -> reactor.listenUNIX(path.toString(), new ServerFactory(Echo::new)));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertEquals("keep me", Files.readString(path));
    }

    @ReactorTest
    void wantPidTakesTheLockFileAndASecondListenerCannotAcquireIt(ReactorBuilder builder) throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        String path = dir.resolve("locked.sock").toString();
        Path lock = Path.of(path + ".lock");
        IListeningPort port = reactor.listenUNIX(path, new ServerFactory(Echo::new), 50, 0666, true);
        assertTrue(Files.isSymbolicLink(lock));
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readSymbolicLink(lock).toString());
        CannotListenError e = assertThrows(CannotListenError.class,
                () -> reactor.listenUNIX(path, new ServerFactory(Echo::new), 50, 0666, true));
        assertTrue(e.getMessage().contains("Cannot acquire lock"), e.getMessage());
        assertTrue(e.getMessage().contains(path), e.getMessage());
        stop(builder, reactor, port);
        assertFalse(Files.exists(lock, LinkOption.NOFOLLOW_LINKS), "stopping releases the lock");
        assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS));
    }

    @ReactorTest
    void aLockLeftByADeadProcessIsBrokenAndItsSocketFileRemoved(ReactorBuilder builder)
            throws IOException, InterruptedException {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        Path path = dir.resolve("dead.sock");
        Process dead = new ProcessBuilder("true").start();
        assertTrue(dead.waitFor(30, TimeUnit.SECONDS));
        Files.createSymbolicLink(Path.of(path + ".lock"), Path.of(Long.toString(dead.pid())));
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(path));
        }
        IListeningPort port = reactor.listenUNIX(path.toString(), new ServerFactory(Echo::new), 50, 0666, true);
        assertEquals(Long.toString(ProcessHandle.current().pid()),
                Files.readSymbolicLink(Path.of(path + ".lock")).toString());
        stop(builder, reactor, port);
    }

    @ReactorTest
    void checkPidFailsTheConnectionWithBadFileErrorWhenNoLiveProcessHoldsTheLock(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        String path = dir.resolve("unlocked.sock").toString();
        IListeningPort[] port = new IListeningPort[1];
        EchoClient client = new EchoClient(new byte[] {1}, () -> port[0].stopListening().addCallback(x -> {
            reactor.stop();
            return null;
        }));
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenUNIX(path, new ServerFactory(Echo::new));
            reactor.connectUNIX(path, client, 30, true);
        });
        builder.runReactor(reactor, TIMEOUT);
        assertNotNull(client.failed.get());
        assertInstanceOf(BadFileError.class, client.failed.get().value());
    }

    @ReactorTest
    void connectingToAPathWhereNobodyListensFailsTheConnection(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        String path = dir.resolve("nobody.sock").toString();
        EchoClient client = new EchoClient(new byte[] {1}, reactor::stop);
        builder.needsRunningReactor(reactor, () -> reactor.connectUNIX(path, client));
        builder.runReactor(reactor, TIMEOUT);
        assertNotNull(client.failed.get());
        assertInstanceOf(ConnectError.class, client.failed.get().value());
    }

    @ReactorTest
    void theSocketFileGetsTheRequestedMode(ReactorBuilder builder) throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        Path path = dir.resolve("private.sock");
        IListeningPort port = reactor.listenUNIX(path.toString(), new ServerFactory(Echo::new), 50, 0600, false);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
        stop(builder, reactor, port);
    }

    @ReactorTest
    void aPathTooLongForSockaddrUnFailsWithAnErrorNamingIt(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        assertTooLongPathFailsNamingIt(dir, path -> reactor.listenUNIX(path, new ServerFactory(Echo::new)));
    }

    @ReactorTest
    void aDirectoryWithoutWritePermissionFailsWithAnErrorNamingThePath(ReactorBuilder builder) throws IOException {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        assertDeniedDirectoryFailsNamingThePath(dir, path -> reactor.listenUNIX(path, new ServerFactory(Echo::new)));
    }

    @ReactorTest
    void anAbstractNameListensWithoutAFileWhereTheBackendHasThem(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        Assumptions.assumeTrue(reactor.sockets().supportsAbstractUnixNames(),
                builder.backendName() + " has no Linux abstract names (semantics.md §8.1)");
        String name = "@twine-tck-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        byte[] message = "abstract".getBytes(StandardCharsets.US_ASCII);
        EchoClient client = new EchoClient(message, reactor::stop);
        IListeningPort[] port = new IListeningPort[1];
        builder.needsRunningReactor(reactor, () -> {
            port[0] = reactor.listenUNIX(name, new ServerFactory(Echo::new));
            reactor.connectUNIX(name, client);
        });
        builder.runReactor(reactor, TIMEOUT);
        assertNull(client.failed.get());
        assertArrayEquals(message, client.received.toByteArray());
        assertEquals(new UNIXAddress("\0" + name.substring(1)), port[0].getHost());
        assertFalse(Files.exists(Path.of(name.substring(1))));
    }
}
