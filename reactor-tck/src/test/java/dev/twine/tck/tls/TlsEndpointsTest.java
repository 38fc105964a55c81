package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.certs;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.peerName;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Failure;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.TCP4ClientEndpoint;
import dev.twine.internet.endpoints.TLSWrapClientEndpoint;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * TLS endpoints end to end (semantics.md §4.9): an {@code ssl:} server description, reached by a
 * {@code tls:} client description (host name checked against {@code trustRoots}) and by
 * {@code wrapClientTLS} over a TCP endpoint.
 */
class TlsEndpointsTest {

    private static String q(Path p) {
        return Endpoints.quoteStringArgument(p.toString());
    }

    /** A directory holding only the test CA, for {@code trustRoots=}. */
    private static Path roots() throws IOException {
        Path dir = certs().directory().resolve("roots");
        Files.createDirectories(dir);
        Files.copy(certs().authorityPem(), dir.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private static Protocol greeter(Events events, String who, Countdown done) {
        return new TlsFixtures.Recording(events, who, done::tick) {
            @Override
            public void connectionMade() {
                transport.write(ascii("hello from " + who));
            }

            @Override
            public void dataReceived(byte[] data) {
                super.dataReceived(data);
                events.add(who + " peer " + peerName(transport));
                transport.loseConnection();
            }
        };
    }

    @ReactorTest
    void anSslServerDescriptionServesTlsAndWrapClientTlsClients(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = TlsFixtures.stopAfter(4, reactor, port);
        Endpoints.serverFromString(reactor, "ssl:0:interface=127.0.0.1:privateKey=" + q(certs().keyPem("server"))
                + ":certKey=" + q(certs().chainPem("server")))
                .listen(new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick) {
                    @Override
                    public void dataReceived(byte[] data) {
                        transport.write(data);
                    }
                }))
                .addCallback(p -> {
                    port[0] = p;
                    Endpoints.clientFromString(reactor, "tls:localhost:" + portOf(p) + ":trustRoots=" + q(roots()))
                            .connect(new ServerFactory(() -> greeter(events, "tls", done)));
                    TLSWrapClientEndpoint.wrapClientTLS(clientOptions(), new TCP4ClientEndpoint(reactor, "127.0.0.1", portOf(p)))
                            .connect(new ServerFactory(() -> greeter(events, "wrapped", done)));
                    return null;
                })
                .addErrback(f -> {
                    events.add("failed " + f);
                    reactor.stop();
                    return null;
                });
        builder.runReactor(reactor, TIMEOUT);

        for (String who : new String[] {"tls", "wrapped"}) {
            assertEquals(1, events.count(who + " data hello from " + who), events.toString());
            assertEquals(1, events.count(who + " peer CN=localhost"), events.toString());
            assertEquals(1, events.count(who + " lost ConnectionDone"), events.toString());
        }
        assertEquals(2, events.count("server lost ConnectionDone"), events.toString());
    }

    static String name(Failure f) {
        return f.type().getSimpleName();
    }
}
