package dev.twine.tck.tcp;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IConnector;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactors;

/**
 * The client side of {@link TcpIsolatedNetworkTest}, run inside a private network namespace that reaches
 * nothing but its own loopback, and whose {@code 127.0.0.2} silently drops every packet. Connects once;
 * arguments: backend, host, port, timeout in seconds.
 *
 * <p>Prints {@code RESULT <events>} (the factory callbacks, in order), {@code ELAPSED <seconds>} (from
 * {@code connectTCP} to the failure, on the monotonic clock) and {@code LEFT readers=<n> writers=<n>
 * delayed=<n>} (what the reactor still held after the failure), then exits.
 */
public final class IsolatedConnectMain {
    private IsolatedConnectMain() {
    }

    public static void main(String[] args) {
        IReactor reactor = Reactors.newReactor(args[0]);
        Events events = new Events();
        long[] elapsed = new long[1];
        long start = System.nanoTime();
        String[] left = new String[1];
        reactor.connectTCP(args[1], Integer.parseInt(args[2]), new ClientFactory(Protocol::new) {
            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                elapsed[0] = System.nanoTime() - start;
                events.add("clientConnectionFailed " + reason.type().getSimpleName());
            }

            @Override
            public void stopFactory() {
                events.add("stopFactory");
                // Looked at after the failure's own clean-up, before shutdown clears everything anyway.
                reactor.callLater(0, () -> {
                    left[0] = "readers=" + reactor.getReaders().size() + " writers=" + reactor.getWriters().size()
                            + " delayed=" + reactor.getDelayedCalls().size();
                    reactor.stop();
                });
            }
        }, Double.parseDouble(args[3]), null);
        reactor.run();
        System.out.println("RESULT " + events.list());
        System.out.println("ELAPSED " + elapsed[0] / 1e9);
        System.out.println("LEFT " + left[0]);
        System.out.flush();
    }
}
