package dev.twine.application;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.endpoints.IStreamServerEndpoint;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * A service that listens on a server endpoint while it runs (Twisted's
 * {@code twisted.application.internet.StreamServerEndpointService}, what {@code twistd --listen} starts;
 * semantics.md §3.17).
 *
 * <p>{@link #privilegedStartService()} calls {@code endpoint.listen(factory)}; {@link #startService()} does
 * so if that step was skipped. If the listen has already failed when it returns (a TCP port that cannot
 * be bound), the failure's exception is thrown there, so a program fails at start-up as with
 * {@link TCPServer} (Twisted does this when {@code _raiseSynchronously} is set, as {@code strports.service}
 * sets it); a later failure is logged. {@link #stopService()} cancels a listen still in progress, or stops
 * listening, and fires when the port is closed.
 *
 * <p>Threading: reactor thread only (or the main thread before the reactor runs).
 */
public class StreamServerEndpointService extends Service {
    private static final System.Logger LOG = System.getLogger(StreamServerEndpointService.class.getName());

    private final IStreamServerEndpoint endpoint;
    private final IProtocolFactory factory;
    private Deferred<IListeningPort> waitingForPort;
    private IListeningPort port;

    /** A service listening on {@code endpoint} with {@code factory}. */
    public StreamServerEndpointService(IStreamServerEndpoint endpoint, IProtocolFactory factory) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        listen();
    }

    @Override
    public void startService() {
        super.startService();
        if (waitingForPort == null) {
            listen();
        }
    }

    private void listen() {
        Failure[] synchronous = new Failure[1];
        boolean[] inCall = {true};
        Deferred<IListeningPort> d = endpoint.listen(factory);
        waitingForPort = d;
        d.addCallbacks(p -> {
            port = p;
            return p;
        }, failure -> {
            if (waitingForPort != d) {
                // stopService cancelled this listen: the CancelledError is the expected outcome.
                return null;
            }
            if (inCall[0]) {
                synchronous[0] = failure;
            } else {
                LOG.log(Level.ERROR, "Failed to listen on " + endpoint + ": " + failure.getErrorMessage(),
                        failure.value());
            }
            return null;
        });
        inCall[0] = false;
        if (synchronous[0] != null) {
            waitingForPort = null;
            Throwable e = synchronous[0].value();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("could not listen on " + endpoint + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        Deferred<IListeningPort> waiting = waitingForPort;
        waitingForPort = null;
        IListeningPort listening = port;
        port = null;
        if (listening != null) {
            return listening.stopListening();
        }
        if (waiting != null) {
            waiting.cancel();
        }
        return Deferred.succeed(null);
    }

    /** The listening port once the listen has succeeded and until the service stops, else null. */
    public IListeningPort getPort() {
        return port;
    }
}
