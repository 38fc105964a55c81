package dev.twine.examples.poetry;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactorTCP;
import dev.twine.internet.ITransport;
import dev.twine.internet.endpoints.IStreamClientEndpoint;

/**
 * A reusable poetry download API (the tutorial's {@code get_poetry(host, port)}, part 3 onwards): the
 * caller gets a {@link Deferred} and attaches what to do with the poem, instead of handing callbacks to
 * a factory.
 *
 * <p>The Deferred fires with the poem's bytes when the server closes cleanly, or errbacks with the
 * connection failure (a {@link dev.twine.internet.error.ConnectError} subclass, for example
 * {@code ConnectionRefusedError}) or with the reason a connection broke. Cancelling it before it fires
 * abandons the download: the connector is disconnected and the Deferred errbacks with
 * {@code CancelledError}.
 *
 * <p>Threading: call on the reactor thread; the Deferred fires there.
 */
public final class PoetryClient {

    /** Hears about each chunk as it arrives (optional progress reporting). */
    @FunctionalInterface
    public interface ChunkListener {
        /**
         * @param bytes the chunk's size
         * @param from  the server's {@code host:port}
         */
        void chunk(int bytes, String from);
    }

    private PoetryClient() {
    }

    /** Downloads the poem at {@code host:port}. */
    public static Deferred<byte[]> getPoetry(IReactorTCP reactor, String host, int port) {
        return getPoetry(reactor, host, port, null);
    }

    /** Downloads the poem at {@code host:port}, telling {@code progress} (may be null) about each chunk. */
    public static Deferred<byte[]> getPoetry(IReactorTCP reactor, String host, int port, ChunkListener progress) {
        OneShotFactory factory = new OneShotFactory(progress);
        IConnector connector = reactor.connectTCP(host, port, factory);
        factory.connector = connector;
        return factory.deferred;
    }

    /**
     * Downloads the poem from the server {@code endpoint} connects to (for example one made by
     * {@code Endpoints.clientFromString}), telling {@code progress} (may be null) about each chunk. The
     * Deferred fails with the endpoint's connect failure; cancelling it cancels the connect, or closes the
     * connection once made.
     */
    public static Deferred<byte[]> getPoetry(IStreamClientEndpoint endpoint, ChunkListener progress) {
        Deferred<IProtocol>[] connecting = newHolder();
        ITransport[] connection = new ITransport[1];
        Deferred<byte[]> poem = new Deferred<>(d -> {
            if (connection[0] != null) {
                connection[0].loseConnection();
            } else {
                connecting[0].cancel();
            }
        });
        connecting[0] = endpoint.connect(new Factory(() -> new PoetryClientProtocol(
                progress == null ? null : progress::chunk,
                bytes -> {
                    if (!poem.called()) {
                        poem.callback(bytes);
                    }
                },
                reason -> {
                    if (!poem.called()) {
                        poem.errback(reason);
                    }
                })));
        connecting[0].addCallbacks(p -> {
            connection[0] = ((PoetryClientProtocol) p).transport;
            return null;
        }, failure -> {
            if (!poem.called()) {
                poem.errback(failure);
            }
            return null;
        });
        return poem;
    }

    @SuppressWarnings("unchecked")
    private static Deferred<IProtocol>[] newHolder() {
        return new Deferred[1];
    }

    /** Fires its Deferred exactly once, from whichever ending comes first. */
    private static final class OneShotFactory extends ClientFactory {
        final Deferred<byte[]> deferred;
        private final ChunkListener progress;
        IConnector connector;

        OneShotFactory(ChunkListener progress) {
            this.progress = progress;
            this.noisy = false;
            this.deferred = new Deferred<>(d -> {
                // Twisted leaves cancellation to the canceller: drop the attempt or the connection.
                if (connector != null) {
                    connector.disconnect();
                }
            });
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            PoetryClientProtocol p = new PoetryClientProtocol(
                    progress == null ? null : progress::chunk,
                    this::succeed,
                    this::fail);
            p.factory = this;
            return p;
        }

        @Override
        public void clientConnectionFailed(IConnector c, Failure reason) {
            fail(reason);
        }

        private void succeed(byte[] poem) {
            if (!deferred.called()) {
                deferred.callback(poem);
            }
        }

        private void fail(Failure reason) {
            if (!deferred.called()) {
                deferred.errback(reason);
            }
        }
    }
}
