package dev.twine.tck.group;

import static dev.twine.tck.group.GroupFixtures.PATIENCE;
import static dev.twine.tck.group.GroupFixtures.readLine;
import static dev.twine.tck.group.GroupFixtures.stopAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.UNIXAddress;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.group.GroupFixtures.ThreadReporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's UNIX stream port (semantics.md §5.2, §8): member 0 accepts on the one socket file and hands each
 * connection to the members round robin, each connection stays on its member's thread, and stopping the
 * port removes the file.
 */
class GroupUnixPortTest {
    private static final int MEMBERS = 2;
    /** Round robin gives both members a client from the second one on. */
    private static final int CLIENTS = 6;

    @TempDir
    Path dir;

    private static void assumeUnix(ReactorBuilder b, ReactorGroup group) {
        Assumptions.assumeTrue(group.member(0).sockets().supportsUnix(),
                b.backendName() + " has no UNIX sockets (semantics.md §8.6)");
    }

    /** A blocking client of the socket file {@code path}: the JDK's own AF_UNIX channel. */
    private static SocketChannel connect(String path) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(path));
        return c;
    }

    /** Sends {@code line} and a newline, and reads one line back, through a read timeout. */
    private static String exchange(SocketChannel c, String line) throws IOException {
        OutputStream out = Channels.newOutputStream(c);
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = Channels.newInputStream(c);
        return readLine(in);
    }

    @ReactorTest
    void memberZeroAcceptsAndEveryMemberServesConnectionsOnItsOwnThread(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        assumeUnix(b, group);
        String path = dir.resolve("group.sock").toString();
        Map<String, Integer> perThread = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        GroupPort port = group.listenUNIX(path, () -> Factory.forProtocol(() -> new ThreadReporter(group, perThread,
                violations)));
        group.start();
        Set<String> servers = ConcurrentHashMap.newKeySet();
        List<SocketChannel> clients = new ArrayList<>();
        try {
            assertEquals(new UNIXAddress(path), port.getHost());
            assertFalse(port.balancedByKernel(), "one socket file, so member 0 alone accepts");
            assertEquals(1, port.memberPorts().size());
            for (int i = 0; i < CLIENTS; i++) {
                SocketChannel c = connect(path);
                clients.add(c);
                String first = exchange(c, "which thread?");
                assertEquals(first, exchange(c, "and now?"), "client " + i + " was served by two threads");
                servers.add(first);
            }
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
            stopAndAwait(group);
        }
        assertEquals(MEMBERS, servers.size(), "round robin served every client on " + servers);
        assertEquals(CLIENTS, perThread.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(), violations, "callbacks off their owner's thread");
        assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), "the group's shutdown removed the file");
    }

    @ReactorTest
    void stopListeningRemovesTheSocketFileAndRefusesNewClients(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        assumeUnix(b, group);
        String path = dir.resolve("stop.sock").toString();
        GroupPort port = group.listenUNIX(path, () -> Factory.forProtocol(Protocol::new), 50, 0600, false);
        group.start();
        try {
            assertTrue(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS));
            port.stopListening().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertFalse(Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS), "stopListening removes the file");
            assertThrows(IOException.class, () -> connect(path).close(), "a client got in after stopListening");
        } finally {
            stopAndAwait(group);
        }
    }

    @ReactorTest
    void aPathThatCannotBeBoundFailsNamingItAndLeavesTheGroupUsable(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), MEMBERS);
        assumeUnix(b, group);
        String path = dir.resolve("no-such-directory").resolve("x.sock").toString();
        CannotListenError e = assertThrows(CannotListenError.class,
                () -> group.listenUNIX(path, () -> Factory.forProtocol(Protocol::new)));
        assertTrue(String.valueOf(e.getMessage()).contains(path), e.getMessage());
        String good = dir.resolve("good.sock").toString();
        GroupPort port = group.listenUNIX(good, () -> Factory.forProtocol(Protocol::new));
        group.start();
        try {
            assertEquals(new UNIXAddress(good), port.getHost());
            try (SocketChannel c = connect(good)) {
                assertTrue(c.isConnected(), "the group listens after a failed listenUNIX");
            }
        } finally {
            stopAndAwait(group);
        }
    }
}
