package dev.twine.testing.junit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.protocols.basic.LineReceiver;
import java.util.List;

/** The extension's happy path: a real loopback echo on every backend, leaving the reactor clean. */
class LoopbackEchoTest {

    /** Echoes each line back. */
    static final class Echo extends LineReceiver {
        @Override
        public void lineReceived(byte[] line) {
            sendLine(line);
        }
    }

    /** Sends one line, hands the answer to {@code answer}, and closes. */
    static final class AskOnce extends LineReceiver {
        final Deferred<String> answer = new Deferred<>();
        final Deferred<Void> closed = new Deferred<>();

        @Override
        public void connectionMade() {
            sendLine("hello".getBytes(US_ASCII));
        }

        @Override
        public void lineReceived(byte[] line) {
            answer.callback(new String(line, US_ASCII));
            transport.loseConnection();
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            closed.callback(null);
        }
    }

    @EveryBackend(timeout = 20)
    void aLineSentOverLoopbackComesBack(ReactorFixture fixture) throws Exception {
        IReactor reactor = fixture.reactor();
        IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
        AskOnce client = new AskOnce();
        reactor.connectTCP("127.0.0.1", port.getHost().port(), new ClientFactory(() -> client));

        assertEquals("hello", fixture.runUntil(client.answer));

        fixture.runUntil(client.closed);
        fixture.runUntil(port.stopListening());
    }

    @EveryBackend
    void theReactorParameterIsTheFixturesReactor(ReactorFixture fixture, IReactor reactor) {
        assertEquals(fixture.reactor(), reactor);
        assertEquals(fixture.backendName(), reactor.backendName());
    }

    @EveryBackend
    void runUntilReturnsAtOnceForADeferredThatHasFired(ReactorFixture fixture) throws Exception {
        assertEquals(List.of(1), fixture.runUntil(Deferred.succeed(List.of(1))));
    }
}
