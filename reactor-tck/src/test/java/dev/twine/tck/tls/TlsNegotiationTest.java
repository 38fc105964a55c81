package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.ascii;
import static dev.twine.tck.tls.TlsFixtures.certs;
import static dev.twine.tck.tls.TlsFixtures.peerName;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.ssl;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.ssl.CertificateOptions;
import dev.twine.internet.ssl.ClientTLSOptions;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;
import java.util.List;

/** ALPN and SNI on both sides (semantics.md §4.3). */
class TlsNegotiationTest {

    @ReactorTest
    void alpnAgreesOnTheServersPreferredProtocolAndBothSidesSeeIt(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        CertificateOptions server = CertificateOptions.builder().certificate(certs().server())
                .acceptableProtocols(List.of("h2", "http/1.1")).build();
        ClientTLSOptions client = ClientTLSOptions.optionsForClientTLS("localhost", certs().trustRoot(), null,
                List.of("http/1.1", "h2", "spdy/3"));
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick) {
            @Override
            public void dataReceived(byte[] data) {
                events.add("server alpn " + ssl(transport).negotiatedProtocol());
                transport.loseConnection();
            }
        }), server, 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, "client",
                done::tick) {
            @Override
            public void connectionMade() {
                events.add("client alpn before the handshake " + ssl(transport).negotiatedProtocol());
                transport.write(ascii("hello"));
            }

            @Override
            public void connectionLost(dev.twine.defer.Failure r) {
                events.add("client alpn " + ssl(transport).negotiatedProtocol());
                super.connectionLost(r);
            }
        }), client);
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(1, events.count("client alpn before the handshake null"), events.toString());
        assertEquals(1, events.count("server alpn h2"), events.toString());
        assertEquals(1, events.count("client alpn h2"), events.toString());
    }

    @ReactorTest
    void theServerPresentsTheCertificateForTheHostNameTheClientSentWithSni(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(4, reactor, port);
        CertificateOptions server = CertificateOptions.builder().certificate(certs().server())
                .sniCertificate("other.example", certs().other()).build();
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick) {
            @Override
            public void dataReceived(byte[] data) {
                events.add("server sni " + ssl(transport).serverName());
                transport.loseConnection();
            }
        }), server, 50, LOOPBACK);
        for (String host : List.of("other.example", "localhost")) {
            reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, host,
                    done::tick) {
                @Override
                public void connectionMade() {
                    transport.write(ascii("hello"));
                }

                @Override
                public void dataReceived(byte[] data) {
                }

                @Override
                public void connectionLost(dev.twine.defer.Failure r) {
                    events.add(host + " saw " + peerName(transport) + " sent " + ssl(transport).serverName());
                    super.connectionLost(r);
                }
            }), ClientTLSOptions.optionsForClientTLS(host, certs().trustRoot()));
        }
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(1, events.count("server sni other.example"), events.toString());
        assertEquals(1, events.count("server sni localhost"), events.toString());
        assertEquals(1, events.count("other.example saw CN=other.example sent other.example"), events.toString());
        assertEquals(1, events.count("localhost saw CN=localhost sent localhost"), events.toString());
        assertEquals(1, events.count("other.example lost ConnectionDone"), events.toString());
    }
}
