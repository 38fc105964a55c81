package dev.twine.tck.unix;

import static dev.twine.tck.unix.UnixFixtures.TIMEOUT;
import static dev.twine.tck.unix.UnixFixtures.assumeUnix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IFileDescriptorReceiver;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorSocket;
import dev.twine.internet.IUNIXTransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.UNIXClientEndpoint;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;
import dev.twine.nativeio.posix.SocketCalls;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * Descriptor passing over UNIX connections (semantics.md §8.8): a descriptor sent with
 * {@code sendFileDescriptor} reaches an {@link IFileDescriptorReceiver} before the byte it rode on, as a new
 * descriptor for the same open socket; backends without it say so.
 */
class UnixDescriptorPassingTest {
    private static final byte[] GREETING = "written through a passed descriptor\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /**
     * One passing case: given the native layer's calls and the descriptor to pass (the near end of a TCP
     * connection to a JDK socket), it sets up its UNIX connection on the running reactor and stops the reactor
     * when done. The receiving side writes the greeting to the connection's far end.
     */
    private interface PassingCase {
        void setUp(SocketCalls calls, int passedDescriptor);
    }

    /**
     * Runs {@code passing} on a backend that passes descriptors (others skip, naming why) until the reactor
     * stops, then returns every byte the far end read before the connection closed.
     */
    private static String runPassing(ReactorBuilder builder, IReactor reactor, PassingCase passing) throws IOException {
        assumeUnix(builder, reactor);
        Assumptions.assumeTrue(reactor.sockets() instanceof PosixSocketProvider,
                builder.backendName() + " cannot pass descriptors (semantics.md §8.8)");
        SocketCalls calls = ((PosixSocketProvider) reactor.sockets()).calls();
        try (ServerSocket outside = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The descriptor to pass: a TCP socket connected to `outside`, opened through the native layer.
            PosixStreamSocket passed = (PosixStreamSocket) reactor.sockets().openStream(StandardProtocolFamily.INET);
            passed.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), outside.getLocalPort()));
            try (Socket far = outside.accept()) {
                far.setSoTimeout((int) (TIMEOUT * 1000));
                builder.needsRunningReactor(reactor, () -> passing.setUp(calls, passed.fileno()));
                builder.runReactor(reactor, TIMEOUT);
                // Our copy goes first, so that the far end sees the end once the receiving side closes its own.
                passed.close();
                return new String(far.getInputStream().readNBytes(GREETING.length + 1), StandardCharsets.US_ASCII);
            } finally {
                passed.close();
            }
        }
    }

    @ReactorTest
    void aPassedSocketDescriptorReachesTheReceiverBeforeItsByteAndWorksThere(ReactorBuilder builder)
            throws IOException {
        IReactor reactor = builder.buildReactor();
        String path = dir.resolve("fd.sock").toString();
        List<String> events = new ArrayList<>();
        String farRead = runPassing(builder, reactor, (calls, passed) -> {
            reactor.listenUNIX(path, new ServerFactory(() -> new Receiver(calls, events)));
            reactor.connectUNIX(path, new Sender(passed, events, reactor));
        });
        assertEquals(List.of("sent", "descriptor", "data x", "lost"), events.subList(0, 4));
        assertEquals(new String(GREETING, StandardCharsets.US_ASCII), farRead);
    }

    /**
     * A client endpoint puts a protocol of its own between the connection and the user's (Twisted's
     * {@code _WrappingProtocol}); that one takes descriptors exactly when the user's protocol does, so they
     * still arrive.
     */
    @ReactorTest
    void aProtocolConnectedThroughAClientEndpointReceivesThePassedDescriptor(ReactorBuilder builder)
            throws IOException {
        IReactor reactor = builder.buildReactor();
        String path = dir.resolve("endpoint-fd.sock").toString();
        List<String> events = new ArrayList<>();
        String farRead = runPassing(builder, reactor, (calls, passed) -> {
            // This time the accepted side sends, and the endpoint's client receives.
            reactor.listenUNIX(path, new ServerFactory(() -> new Sending(passed, events) {
                @Override
                public void connectionLost(Failure reason) {
                    events.add("lost");
                    reactor.stop();
                }
            }));
            new UNIXClientEndpoint(reactor, path).connect(Factory.forProtocol(() -> new Receiver(calls, events)))
                    .addErrback(f -> {
                        events.add("failed " + f.getErrorMessage());
                        reactor.stop();
                        return null;
                    });
        });
        assertEquals(List.of("sent", "descriptor", "data x", "lost"), events.subList(0, 4));
        assertEquals(new String(GREETING, StandardCharsets.US_ASCII), farRead);
    }

    /**
     * The use descriptor passing exists for: one process accepts a connection and passes it on, and the
     * receiver's reactor adopts it (semantics.md §9) and serves it as a connection of its own.
     */
    @ReactorTest
    void aReceiverAdoptsThePassedConnectionAndServesItThroughTwine(ReactorBuilder builder) throws IOException {
        IReactor reactor = builder.buildReactor();
        String path = dir.resolve("adopt-fd.sock").toString();
        List<String> events = new ArrayList<>();
        String farRead = runPassing(builder, reactor, (calls, passed) -> {
            reactor.listenUNIX(path, new ServerFactory(() -> new Adopter(reactor, events)));
            reactor.connectUNIX(path, new Sender(passed, events, reactor));
        });
        // Served by the adopted connection, which wrote the greeting and closed: the far end read it all.
        assertEquals(new String(GREETING, StandardCharsets.US_ASCII), farRead);
        assertEquals(List.of("sent", "adopted", "data x", "lost"), events.subList(0, 4));
    }

    /** Adopts the descriptor it receives as a Twine connection that writes the greeting and closes. */
    private static final class Adopter extends Protocol implements IFileDescriptorReceiver {
        private final IReactor reactor;
        private final List<String> events;

        Adopter(IReactor reactor, List<String> events) {
            this.reactor = reactor;
            this.events = events;
        }

        @Override
        public void fileDescriptorReceived(int descriptor) {
            ((IReactorSocket) reactor).adoptStreamConnection(descriptor, StandardProtocolFamily.INET,
                    Factory.forProtocol(() -> new Protocol() {
                        @Override
                        public void connectionMade() {
                            transport.write(GREETING);
                            transport.loseConnection();
                        }
                    }));
            // The reactor serves its own duplicate; this one is ours to close (semantics.md §9).
            ((IReactorSocket) reactor).closeFileDescriptor(descriptor);
            events.add("adopted");
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data " + new String(data, StandardCharsets.US_ASCII));
            transport.loseConnection();
        }
    }

    @ReactorTest
    void aBackendWithoutDescriptorPassingRefusesToQueueOne(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        assumeUnix(builder, reactor);
        Assumptions.assumeFalse(reactor.sockets() instanceof PosixSocketProvider,
                builder.backendName() + " passes descriptors; the refusal is for backends that cannot");
        String path = dir.resolve("nofd.sock").toString();
        List<Throwable> refused = new ArrayList<>();
        builder.needsRunningReactor(reactor, () -> {
            IListeningPort port = reactor.listenUNIX(path, new ServerFactory(Protocol::new));
            reactor.connectUNIX(path, new ClientFactory(() -> new Protocol() {
                @Override
                public void connectionMade() {
                    refused.add(assertThrows(UnsupportedOperationException.class,
                            () -> ((IUNIXTransport) transport).sendFileDescriptor(0)));
                    transport.loseConnection();
                }
            }) {
                @Override
                public void clientConnectionLost(IConnector connector, Failure reason) {
                    port.stopListening().addCallback(x -> {
                        reactor.stop();
                        return null;
                    });
                }
            });
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(1, refused.size());
        assertFalse(refused.get(0).getMessage().isEmpty());
    }

    /** Connects with a {@link Sending} protocol and stops the reactor when that connection ends. */
    private static final class Sender extends ClientFactory {
        private final int descriptor;
        private final List<String> events;
        private final IReactor reactor;

        Sender(int descriptor, List<String> events, IReactor reactor) {
            this.descriptor = descriptor;
            this.events = events;
            this.reactor = reactor;
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            return new Sending(descriptor, events);
        }

        @Override
        public void clientConnectionLost(IConnector connector, Failure reason) {
            events.add("lost");
            reactor.stop();
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            events.add("failed " + reason.getErrorMessage());
            reactor.stop();
        }
    }

    /** On connection, sends the descriptor and then one byte for it to ride on. */
    private static class Sending extends Protocol {
        private final int descriptor;
        private final List<String> events;

        Sending(int descriptor, List<String> events) {
            this.descriptor = descriptor;
            this.events = events;
        }

        @Override
        public void connectionMade() {
            ((IUNIXTransport) transport).sendFileDescriptor(descriptor);
            events.add("sent");
            transport.write("x".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Writes the greeting through the descriptor it receives, closes it, then closes the connection. */
    private static final class Receiver extends Protocol implements IFileDescriptorReceiver {
        private final SocketCalls calls;
        private final List<String> events;
        private int received = -1;

        Receiver(SocketCalls calls, List<String> events) {
            this.calls = calls;
            this.events = events;
        }

        @Override
        public void fileDescriptorReceived(int descriptor) {
            events.add("descriptor");
            received = descriptor;
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data " + new String(data, StandardCharsets.US_ASCII));
            assertNotEquals(-1, received, "the descriptor came before its byte");
            ByteBuffer greeting = ByteBuffer.allocateDirect(GREETING.length).order(ByteOrder.nativeOrder());
            greeting.put(GREETING).flip();
            try {
                long n = calls.send(received, dev.twine.nativeio.posix.DirectMemory.address(greeting),
                        GREETING.length);
                assertEquals(GREETING.length, n);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                calls.close(received);
            }
            transport.loseConnection();
        }
    }
}
