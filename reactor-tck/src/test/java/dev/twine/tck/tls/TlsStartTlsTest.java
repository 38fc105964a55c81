package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.peerName;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.ssl;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.protocols.basic.LineReceiver;
import dev.twine.protocols.policies.TimeoutFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code startTLS} in the middle of a line protocol (semantics.md §4.3, Twisted's {@code ITLSTransport}):
 * what was written before the call goes out in plaintext, everything after through TLS, in either
 * direction (the accepting side may act as the TLS client with {@code normal = false}).
 */
class TlsStartTlsTest {

    /** Records lines; subclasses answer them. */
    private abstract static class Lines extends LineReceiver {
        final Events events;
        final String who;
        final Runnable onLost;

        Lines(Events events, String who, Runnable onLost) {
            this.events = events;
            this.who = who;
            this.onLost = onLost;
        }

        @Override
        public void lineReceived(byte[] line) {
            String text = new String(line, StandardCharsets.US_ASCII);
            events.add(who + " got " + text + (ssl(transport).tlsVersion() != null ? " (tls)" : ""));
            answer(text);
        }

        abstract void answer(String line);

        void send(String line) {
            sendLine(ascii(line));
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add(who + " lost " + reason.type().getSimpleName());
            onLost.run();
        }
    }

    /**
     * The client asks for TLS; the server, whose protocol comes from the factory {@code wrap} makes of a plain
     * one, answers OK in plaintext and starts TLS through whatever transport it was given; the client starts
     * TLS and sends a secret, which the server echoes. Returns the events of both sides.
     */
    private static List<String> clientAsksForTls(ReactorBuilder builder,
            BiFunction<IReactor, IProtocolFactory, IProtocolFactory> wrap) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, wrap.apply(reactor, new ServerFactory(() -> new Lines(events, "server",
                done::tick) {
            @Override
            public void connectionMade() {
                events.add("server transport " + transport.getClass().getSimpleName());
            }

            @Override
            void answer(String line) {
                if (line.equals("STARTTLS")) {
                    send("OK"); // written before startTLS: plaintext
                    ssl(transport).startTLS(serverOptions());
                } else {
                    send("echo " + line);
                }
            }
        })), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Lines(events, "client", done::tick) {
            @Override
            public void connectionMade() {
                send("STARTTLS");
            }

            @Override
            void answer(String line) {
                if (line.equals("OK")) {
                    ssl(transport).startTLS(clientOptions());
                    send("secret"); // written after startTLS: sealed once the handshake is done
                } else {
                    events.add("client peer " + peerName(transport));
                    transport.loseConnection();
                }
            }
        }), 30, null);
        builder.runReactor(reactor, TIMEOUT);
        return events.list();
    }

    @ReactorTest
    void theClientAsksForTlsAndTheServerWritesItsAnswerInPlaintextBeforeStarting(ReactorBuilder builder) {
        assertEquals(List.of("server transport Connection", "server got STARTTLS", "client got OK",
                "server got secret (tls)", "client got echo secret (tls)", "client peer CN=localhost",
                "client lost ConnectionDone", "server lost ConnectionDone"), clientAsksForTls(builder, (r, f) -> f));
    }

    /**
     * A wrapper is the transport its protocol sees; {@code startTLS} on it starts TLS on the connection
     * underneath, as Twisted's {@code ProtocolWrapper} hands the call to its transport (semantics.md §3.5).
     */
    @ReactorTest
    void aServerBehindATimeoutFactoryStartsTlsThroughItsWrapper(ReactorBuilder builder) {
        assertEquals(List.of("server transport TimeoutProtocol", "server got STARTTLS", "client got OK",
                "server got secret (tls)", "client got echo secret (tls)", "client peer CN=localhost",
                "client lost ConnectionDone", "server lost ConnectionDone"),
                clientAsksForTls(builder, (reactor, factory) -> new TimeoutFactory(reactor, factory, 30)));
    }

    @ReactorTest
    void theServerAsksForTlsAndActsAsTheTlsClientWhenNotNormal(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Lines(events, "server", done::tick) {
            @Override
            public void connectionMade() {
                send("STARTTLS");
            }

            @Override
            void answer(String line) {
                if (line.equals("GO")) {
                    // The accepting side sends the ClientHello.
                    ssl(transport).startTLS(clientOptions(), false);
                    send("secret");
                } else {
                    events.add("server peer " + peerName(transport));
                    transport.loseConnection();
                }
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Lines(events, "client", done::tick) {
            @Override
            void answer(String line) {
                if (line.equals("STARTTLS")) {
                    send("GO");
                    ssl(transport).startTLS(serverOptions(), false);
                } else {
                    send("echo " + line);
                }
            }
        }), 30, null);
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("client got STARTTLS", "server got GO", "client got secret (tls)",
                "server got echo secret (tls)", "server peer CN=localhost", "server lost ConnectionDone",
                "client lost ConnectionDone"), events.list());
    }
}
