package dev.twine.internet;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Connects one protocol instance and hands it over in a Deferred (Twisted's
 * {@code twisted.internet.protocol.ClientCreator}, semantics.md §3.10).
 *
 * <p>Each {@code connectTCP} makes a new protocol with the supplier and returns a Deferred that fires
 * with it once connected (on a later iteration, after its {@code connectionMade}), or errbacks with the
 * connect failure ({@code ConnectionRefusedError}, {@code TimeoutError}, ...). Cancelling the Deferred
 * before then disconnects the connector and errbacks it with {@code CancelledError}.
 *
 * <p>Threading: reactor thread only.
 *
 * @param <P> the protocol type
 */
public final class ClientCreator<P extends IProtocol> {
    private final IReactorTCP tcp;
    private final IReactorTime time;
    private final Supplier<? extends P> protocol;

    /** A creator connecting with {@code reactor} and making protocols with {@code protocol}. */
    public <R extends IReactorTCP & IReactorTime> ClientCreator(R reactor, Supplier<? extends P> protocol) {
        this.tcp = Objects.requireNonNull(reactor, "reactor");
        this.time = reactor;
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** {@code connectTCP(host, port, 30, null)}. */
    public Deferred<P> connectTCP(String host, int port) {
        return connectTCP(host, port, 30, null);
    }

    /** Connects a new protocol to {@code host:port}; see the class comment. */
    public Deferred<P> connectTCP(String host, int port, double timeout, InetSocketAddress bindAddress) {
        InstanceFactory<P> factory = new InstanceFactory<>(time, protocol.get());
        IConnector[] connector = new IConnector[1];
        Deferred<P> d = new Deferred<>(cancelled -> {
            connector[0].disconnect();
            factory.cancelPending();
        });
        factory.deferred = d;
        connector[0] = tcp.connectTCP(host, port, factory, timeout, bindAddress);
        return d;
    }

    /**
     * A factory for exactly one, ready-made protocol (Twisted's {@code _InstanceFactory}). It fires the
     * Deferred with {@code callLater(0)}, so that the protocol's {@code connectionMade} has run first.
     */
    private static final class InstanceFactory<P extends IProtocol> extends ClientFactory {
        private final IReactorTime time;
        private final P instance;
        Deferred<P> deferred;
        private IDelayedCall pending;

        InstanceFactory(IReactorTime time, P instance) {
            this.time = time;
            this.instance = instance;
            this.noisy = false;
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            Deferred<P> d = deferred;
            deferred = null;
            if (d != null) {
                fireLater(() -> d.callback(instance));
            }
            if (instance instanceof Protocol p) {
                p.factory = this;
            }
            return instance;
        }

        @Override
        public void clientConnectionFailed(IConnector connector, Failure reason) {
            Deferred<P> d = deferred;
            deferred = null;
            if (d != null) {
                fireLater(() -> d.errback(reason));
            }
        }

        private void fireLater(Runnable fire) {
            pending = time.callLater(0, () -> {
                pending = null;
                fire.run();
            });
        }

        void cancelPending() {
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
        }
    }
}
