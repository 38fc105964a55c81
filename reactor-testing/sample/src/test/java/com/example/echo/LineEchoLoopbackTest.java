package com.example.echo;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.protocols.basic.LineReceiver;
import dev.twine.testing.junit.EveryBackend;
import dev.twine.testing.junit.ReactorFixture;

/** Way three: real sockets on loopback, once per backend, with the reactor checked clean afterwards. */
class LineEchoLoopbackTest {

    /** Sends a line, keeps the answer, then says quit and waits for the server to close. */
    static final class Client extends LineReceiver {
        final Deferred<String> answer = new Deferred<>();
        final Deferred<Void> closed = new Deferred<>();

        @Override
        public void connectionMade() {
            sendLine("ping".getBytes(US_ASCII));
        }

        @Override
        public void lineReceived(byte[] line) {
            answer.callback(new String(line, US_ASCII));
            sendLine("quit".getBytes(US_ASCII));
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            closed.callback(null);
        }
    }

    @EveryBackend(timeout = 20)
    void echoesOverLoopback(ReactorFixture fixture) throws Exception {
        IReactor reactor = fixture.reactor();
        IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(LineEcho::new), 50, "127.0.0.1");
        Client client = new Client();
        reactor.connectTCP("127.0.0.1", port.getHost().port(), new ClientFactory(() -> client));

        assertEquals("ping", fixture.runUntil(client.answer));

        // Leave nothing behind: the extension fails a test that does.
        fixture.runUntil(client.closed);
        fixture.runUntil(port.stopListening());
    }
}
