package dev.twine.examples.poetry;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactorTCP;

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
