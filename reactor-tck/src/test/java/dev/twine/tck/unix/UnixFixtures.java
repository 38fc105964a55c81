package dev.twine.tck.unix;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.tck.ReactorBuilder;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;

/** Shared pieces of the UNIX socket rows (semantics.md §8). */
final class UnixFixtures {
    static final double TIMEOUT = 60;

    private UnixFixtures() {
    }

    /** Skips the invocation, with the reason, on a backend whose sockets have no {@code AF_UNIX}. */
    static void assumeUnix(ReactorBuilder builder, IReactor reactor) {
        Assumptions.assumeTrue(reactor.sockets().supportsUnix(),
                builder.backendName() + " has no UNIX sockets (semantics.md §8.6)");
    }

    /** A server protocol that echoes every byte back. */
    static class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport.write(data);
        }
    }

    /**
     * A client that sends {@code message} once connected, collects what comes back, and closes once it has
     * as many bytes as it sent; then {@code onDone} runs. A failed connection records its Failure.
     */
    static class EchoClient extends ClientFactory {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final AtomicReference<Failure> failed = new AtomicReference<>();
        private final byte[] message;
        private final Runnable onDone;

        EchoClient(byte[] message, Runnable onDone) {
            this.message = message;
            this.onDone = onDone;
        }

        @Override
        public IProtocol buildProtocol(dev.twine.internet.IAddress addr) {
            Protocol p = new Protocol() {
                @Override
                public void connectionMade() {
                    transport.write(message);
                }

                @Override
                public void dataReceived(byte[] data) {
                    received.writeBytes(data);
                    if (received.size() >= message.length) {
                        transport.loseConnection();
                    }
                }
            };
            return p;
        }

        @Override
        public void clientConnectionLost(IConnector connector, Failure reason) {
            onDone.run();
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            failed.set(reason);
            onDone.run();
        }
    }
}
