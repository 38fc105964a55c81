package dev.twine.tck.unix;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectedDatagramProtocol;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.error.CannotListenError;
import dev.twine.tck.ReactorBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/** Shared pieces of the UNIX socket rows (semantics.md §8). */
final class UnixFixtures {
    static final double TIMEOUT = 60;

    private UnixFixtures() {
    }

    /** True if a file can be created in {@code directory}: false for a directory without write permission. */
    static boolean canCreateIn(Path directory) {
        try {
            Files.delete(Files.createFile(directory.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops a port (stream or datagram) on a running reactor and waits for it to close. */
    /**
     * A name longer than {@code sun_path} (108 bytes on Linux, 104 on the BSDs: unix(7), unix(4)) makes
     * {@code listen} fail with a {@link CannotListenError} whose message names it.
     */
    static void assertTooLongPathFailsNamingIt(Path dir, Consumer<String> listen) {
        String path = dir.resolve("x".repeat(120) + ".sock").toString();
        CannotListenError e = assertThrows(CannotListenError.class, () -> listen.accept(path));
        assertTrue(e.getMessage().contains(path), e.getMessage());
    }

    /**
     * A directory without write permission makes {@code listen} fail with a {@link CannotListenError} naming
     * the path; skipped for a user who bypasses directory permissions (root).
     */
    static void assertDeniedDirectoryFailsNamingThePath(Path dir, Consumer<String> listen) throws IOException {
        Path closed = Files.createDirectory(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("r-x------"));
        try {
            Assumptions.assumeFalse(canCreateIn(closed),
                    "this user bypasses directory permissions (root), so the denial cannot be shown");
            String path = closed.resolve("denied.sock").toString();
            CannotListenError e = assertThrows(CannotListenError.class, () -> listen.accept(path));
            assertTrue(e.getMessage().contains(path), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    static void stop(ReactorBuilder builder, IReactor reactor, IListeningPort port) {
        builder.needsRunningReactor(reactor, () -> port.stopListening().addCallback(x -> {
            reactor.stop();
            return null;
        }));
        builder.runReactor(reactor, TIMEOUT);
    }

    /** Skips the invocation, with the reason, on a backend whose sockets have no {@code AF_UNIX}. */
    static void assumeUnix(ReactorBuilder builder, IReactor reactor) {
        Assumptions.assumeTrue(reactor.sockets().supportsUnix(),
                builder.backendName() + " has no UNIX sockets (semantics.md §8.6)");
    }

    /**
     * Skips the invocation on a backend without {@code AF_UNIX} datagram sockets, naming why (semantics.md
     * §8.9): select's JDK {@code DatagramChannel} has no {@code AF_UNIX}, and Wine (iocp) has no
     * {@code AF_UNIX} at all.
     */
    static void assumeUnixDatagram(ReactorBuilder builder, IReactor reactor) {
        String why = switch (builder.backendName()) {
            case "select" -> "the JDK's DatagramChannel has no AF_UNIX";
            case "iocp" -> "Wine's ws2_32 has no AF_UNIX sockets";
            default -> "its socket provider says so";
        };
        Assumptions.assumeTrue(reactor.sockets().supportsUnixDatagram(),
                builder.backendName() + " has no UNIX datagram sockets (semantics.md §8.9): " + why);
    }

    /** A connected datagram protocol that records its calls, in order, as strings. */
    static class ConnectedRecorder extends ConnectedDatagramProtocol {
        final List<String> events = new ArrayList<>();
        Runnable onEvent = () -> { };

        @Override
        public void startProtocol() {
            events.add("startProtocol");
        }

        @Override
        public void stopProtocol() {
            events.add("stopProtocol");
        }

        @Override
        public void datagramReceived(byte[] datagram) {
            events.add("datagram " + new String(datagram, java.nio.charset.StandardCharsets.UTF_8));
            onEvent.run();
        }

        @Override
        public void connectionRefused() {
            events.add("connectionRefused");
            onEvent.run();
        }

        @Override
        public void connectionFailed(Failure reason) {
            events.add("connectionFailed " + reason.value().getClass().getSimpleName());
            failure = reason;
            onEvent.run();
        }

        Failure failure;
    }

    /** A server protocol that echoes every byte back. */
    static class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /**
     * A client that sends {@code message} once connected, collects what comes back, and closes once it has
     * as many bytes as it sent; then {@code onDone} runs. A failed connection records its Failure.
     */
    static class EchoClient extends ClientFactory {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final AtomicReference<Failure> failed = new AtomicReference<>();
        private final byte[] message;
        private final Runnable onDone;

        EchoClient(byte[] message, Runnable onDone) {
            this.message = message;
            this.onDone = onDone;
        }

        @Override
        public IProtocol buildProtocol(dev.twine.internet.IAddress addr) {
            Protocol p = new Protocol() {
                @Override
                public void connectionMade() {
                    transport.write(message);
                }

                @Override
                public void dataReceived(byte[] data) {
                    received.writeBytes(data);
                    if (received.size() >= message.length) {
                        transport.loseConnection();
                    }
                }
            };
            return p;
        }

        @Override
        public void clientConnectionLost(IConnector connector, Failure reason) {
            onDone.run();
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            failed.set(reason);
            onDone.run();
        }
    }
}
