package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.pattern;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A connect storm (Twisted #3290): a thousand clients connect at once to an echo server on the same
 * reactor, each sends its own bytes, and each must get exactly those bytes back.
 */
class TcpManyClientsTest {
    private static final int CLIENTS = 1000;
    private static final int MESSAGE = 4096;
    /** Bounded, but generous for a loaded two-core machine. */
    private static final double TIMEOUT = 240;

    /** One client: sends its message, collects the echo, compares, closes. */
    private static final class EchoClient extends Protocol {
        private final byte[] message;
        private final ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        private final Map<String, Integer> outcomes;
        private final Countdown done;

        EchoClient(byte[] message, Map<String, Integer> outcomes, Countdown done) {
            this.message = message;
            this.outcomes = outcomes;
            this.done = done;
        }

        @Override
        public void connectionMade() {
            transport.write(message);
        }

        @Override
        public void dataReceived(byte[] data) {
            echoed.write(data, 0, data.length);
            if (echoed.size() >= message.length) {
                outcomes.merge(Arrays.equals(message, echoed.toByteArray()) ? "exact echo" : "wrong bytes", 1,
                        Integer::sum);
                transport.loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            outcomes.merge("client lost " + name(reason), 1, Integer::sum);
            done.tick();
        }
    }

    @ReactorTest
    void aThousandConcurrentClientsEachGetTheirOwnBytesEchoed(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Map<String, Integer> outcomes = new TreeMap<>();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = new Countdown(2 * CLIENTS, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }

            @Override
            public void connectionLost(Failure reason) {
                outcomes.merge("server lost " + name(reason), 1, Integer::sum);
                done.tick();
            }
        }), 1024, LOOPBACK);
        builder.needsRunningReactor(reactor, () -> {
            for (int i = 0; i < CLIENTS; i++) {
                byte[] message = pattern(MESSAGE, i);
                reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new EchoClient(message, outcomes, done)) {
                    @Override
                    public void clientConnectionFailed(IConnector connector, Failure reason) {
                        outcomes.merge("failed " + name(reason), 1, Integer::sum);
                        done.tick();
                        done.tick();
                    }
                });
            }
        });
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(Map.of("exact echo", CLIENTS, "client lost ConnectionDone", CLIENTS,
                "server lost ConnectionDone", CLIENTS), outcomes);
    }
}
