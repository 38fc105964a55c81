package dev.twine.examples.broadcast;

import dev.twine.defer.Failure;
import dev.twine.examples.Args;
import dev.twine.examples.ClientTarget;
import dev.twine.examples.Out;
import dev.twine.examples.ShutdownSignals;
import dev.twine.examples.Stopping;
import dev.twine.examples.UsageException;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactors;
import dev.twine.internet.endpoints.IStreamClientEndpoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * {@code echo-client NAME [--connect DESCRIPTION | [--host HOST] [--port PORT]]}: the broadcast server's tutorial client. It prints
 * every message it gets and, 5 seconds after each one ({@code callLater}), says
 * {@code hello, I'm NAME <date-time>} if it is still connected; it exits when the connection ends or
 * cannot be made.
 */
public final class EchoClient {
    public static final String USAGE = "echo-client NAME [--connect DESCRIPTION | [--host HOST] [--port PORT]]";

    /** Seconds between a message arriving and the hello it provokes. */
    static final double HELLO_DELAY = 5.0;

    /** Python's {@code str(datetime.now())}, which the tutorial prints. */
    private static final DateTimeFormatter PYTHON_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private EchoClient() {
    }

    /** Prints what arrives and answers each message with a delayed hello. */
    static final class Echo extends Protocol {
        private final IReactor reactor;
        private final String name;

        Echo(IReactor reactor, String name) {
            this.reactor = reactor;
            this.name = name;
        }

        @Override
        public void connectionMade() {
            Out.println("Connected to the server!");
        }

        @Override
        public void dataReceived(byte[] data) {
            String text = new String(data, StandardCharsets.UTF_8);
            // The greeting ends with a line break; print's own line break is enough.
            Out.println("got messages: " + text.stripTrailing());
            reactor.callLater(HELLO_DELAY, this::sayHello);
        }

        private void sayHello() {
            if (connected) {
                String hello = "hello, I'm " + name + " " + LocalDateTime.now().format(PYTHON_DATETIME);
                transport.write(hello.getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            Out.println("Disconnected from the server!");
        }
    }

    /** Reports the connection's progress and stops the reactor when it is over. */
    static final class EchoFactory extends ClientFactory {
        private final IReactor reactor;
        private final String name;

        EchoFactory(IReactor reactor, String name) {
            this.reactor = reactor;
            this.name = name;
            this.noisy = false;
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            Echo e = new Echo(reactor, name);
            e.factory = this;
            return e;
        }

        @Override
        public void startedConnecting(IConnector connector) {
            Out.println("started to connect.");
        }

        @Override
        public void clientConnectionLost(IConnector connector, Failure reason) {
            Out.println("Lost connection. Reason: " + reason);
            Stopping.stop(reactor);
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            Out.println("Connection failed. Reason: " + reason);
            Stopping.stop(reactor);
        }
    }

    /**
     * Connects {@code factory} through an endpoint, telling it what {@code connectTCP} would: an endpoint
     * reports a failed connect through its Deferred, and a lost connection only to the protocol, so this
     * passes both on to the factory's callbacks (which need no connector).
     */
    private static void connect(IStreamClientEndpoint endpoint, EchoFactory factory) {
        factory.startedConnecting(null);
        endpoint.connect(new Factory(() -> {
            IProtocol echo = factory.buildProtocol(null);
            return new IProtocol() {
                @Override
                public void makeConnection(ITransport transport) {
                    echo.makeConnection(transport);
                }

                @Override
                public void connectionMade() {
                    echo.connectionMade();
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    echo.dataReceived(data);
                }

                @Override
                public void connectionLost(Failure reason) {
                    echo.connectionLost(reason);
                    factory.clientConnectionLost(null, reason);
                }
            };
        })).addErrback(failure -> {
            factory.clientConnectionFailed(null, failure);
            return null;
        });
    }

    public static int main(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of("--host", "--port", "--connect"));
        String name = args.single("client name");
        IReactor reactor = Reactors.reactor();
        if (args.has("--connect")) {
            if (args.has("--host") || args.has("--port")) {
                throw new UsageException("--connect replaces --host and --port; give one or the other");
            }
            IStreamClientEndpoint endpoint = ClientTarget.parse(args.string("--connect", null)).endpoint(reactor);
            reactor.callWhenRunning(() -> connect(endpoint, new EchoFactory(reactor, name)));
        } else {
            String host = args.string("--host", "127.0.0.1");
            int port = args.port("--port", 8006);
            if (port == 0) {
                throw new UsageException("--port must not be 0 for a client");
            }
            reactor.callWhenRunning(() -> reactor.connectTCP(host, port, new EchoFactory(reactor, name)));
        }
        ShutdownSignals.install(reactor);
        reactor.run();
        return 0;
    }
}
