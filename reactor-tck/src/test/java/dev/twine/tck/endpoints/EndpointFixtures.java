package dev.twine.tck.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the endpoint conformance tests share: an echo server, a greeting client, and the clean finish. */
final class EndpointFixtures {
    private EndpointFixtures() {
    }

    /** Echoes every byte back, so a client sees its own message come back. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /** Sends {@code hello} on connect, closes once it is echoed, and records what it saw. */
    static final class Greeter extends Protocol {
        final StringBuilder received = new StringBuilder();
        /** Fires (with null) after connectionLost, which keeps its reason in {@link #lostReason}. */
        final Deferred<Void> lost = new Deferred<>();
        Failure lostReason;
        int made;

        @Override
        public void connectionMade() {
            made++;
            transport.write("hello".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void dataReceived(byte[] data) {
            received.append(new String(data, StandardCharsets.US_ASCII));
            if (received.toString().equals("hello")) {
                transport.loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            lostReason = reason;
            lost.callback(null);
        }
    }

    /** Stops listening on every port, then stops the reactor: the harness requires a clean reactor. */
    static void finish(IReactor reactor, IListeningPort... ports) {
        List<Deferred<Void>> closing = new ArrayList<>();
        for (IListeningPort p : ports) {
            closing.add(p.stopListening());
        }
        Deferred.gatherResults(closing).addBoth(ignored -> {
            reactor.stop();
            return null;
        });
    }

    /** Records a Deferred's outcome: the result, or the Failure. */
    static <T> Object[] outcome(Deferred<T> d) {
        Object[] box = new Object[1];
        d.addBoth(r -> {
            box[0] = r;
            return null;
        });
        return box;
    }
}
