package dev.twine.protocols.policies;

import dev.twine.internet.IAddress;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.Protocol;
import dev.twine.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The protocols and helpers the policy tests share. */
final class PolicyFixtures {
    static final IAddress PEER = new IPv4Address("TCP", "127.0.0.1", 4321);

    private PolicyFixtures() {
    }

    /** A protocol that records what it is told. */
    static final class Recorder extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            events.add("connectionMade");
        }

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }

        @Override
        public void connectionLost(dev.twine.defer.Failure reason) {
            super.connectionLost(reason);
            events.add("connectionLost " + reason.type().getSimpleName());
        }
    }

    /** Builds a protocol with {@code factory} and connects it to a new {@link StringTransport}. */
    static StringTransport connect(WrappingFactory factory) {
        StringTransport t = new StringTransport();
        IProtocol p = factory.buildProtocol(PEER);
        p.makeConnection(t);
        return t;
    }

    /** Delivers {@code n} bytes to {@code p} as the transport would. */
    static void receive(IProtocol p, int n) {
        p.dataReceived(ByteBuffer.wrap(new byte[n]).asReadOnlyBuffer());
    }
}
