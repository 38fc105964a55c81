package dev.twine.application;

import dev.twine.defer.CancelledError;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorTime;
import dev.twine.internet.endpoints.IStreamClientEndpoint;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps one connection to a client endpoint, reconnecting when an attempt fails or the connection is lost
 * (Twisted's {@code twisted.application.internet.ClientService}, semantics.md §3.16).
 *
 * <p>While running it is in one of these states (Twisted's automat machine, as an enum):
 * <ul>
 *   <li>{@code CONNECTING}: one {@code endpoint.connect} in progress. Success goes to {@code CONNECTED};
 *       failure to {@code WAITING}, after failing each {@link #whenConnected(int)} whose failure count is
 *       reached.</li>
 *   <li>{@code WAITING}: a retry is scheduled after {@link RetryPolicy#delay} of the number of consecutive
 *       failures, then {@code CONNECTING}.</li>
 *   <li>{@code CONNECTED}: the failure count is reset and every waiting {@code whenConnected} fires with the
 *       protocol; losing the connection goes to {@code WAITING}.</li>
 * </ul>
 * {@link #stopService()} cancels the attempt in progress, or the scheduled retry, or closes the connection
 * ({@code loseConnection}), and fires once nothing is left; waiting {@code whenConnected} Deferreds then fail
 * with {@link CancelledError}. Starting again while that stop is in progress reconnects once it is done.
 *
 * <p>Threading: reactor thread only (or the main thread before the reactor runs).
 */
public class ClientService extends Service {
    private static final System.Logger LOG = System.getLogger(ClientService.class.getName());

    /** Twisted's machine states (semantics.md §3.16); see the class comment. */
    private enum State { INIT, CONNECTING, WAITING, CONNECTED, DISCONNECTING, RESTARTING, STOPPED }

    private record Waiter(Deferred<IProtocol> deferred, Integer failAfterFailures) {
    }

    private final IStreamClientEndpoint endpoint;
    private final IProtocolFactory factory;
    private final RetryPolicy retryPolicy;
    private final IReactorTime clock;

    private State state = State.INIT;
    private int failedAttempts;
    private Deferred<IProtocol> attempt;
    private IDelayedCall retry;
    private ReconnectingProtocolProxy connection;
    private List<Waiter> waiters = new ArrayList<>();
    private List<Deferred<Void>> stopWaiters = new ArrayList<>();

    /** A service with Twisted's default {@link RetryPolicy#backoffPolicy()}. */
    public ClientService(IStreamClientEndpoint endpoint, IProtocolFactory factory, IReactorTime clock) {
        this(endpoint, factory, RetryPolicy.backoffPolicy(), clock);
    }

    /**
     * @param endpoint    where to connect, each attempt
     * @param factory     builds the protocol for each connection
     * @param retryPolicy the wait before each retry
     * @param clock       schedules the retries (the reactor, or a {@code task.Clock} in tests)
     */
    public ClientService(IStreamClientEndpoint endpoint, IProtocolFactory factory, RetryPolicy retryPolicy,
            IReactorTime clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts the connect-and-retry loop; a second start while running only logs a warning (as Twisted). */
    @Override
    public void startService() {
        if (running()) {
            LOG.log(Level.WARNING, "Duplicate ClientService.startService " + this);
            return;
        }
        super.startService();
        switch (state) {
            case INIT, STOPPED -> connect();
            case DISCONNECTING -> state = State.RESTARTING;
            default -> {
                // CONNECTING, WAITING, CONNECTED, RESTARTING: already on the way.
            }
        }
    }

    /**
     * Stops connecting and closes the connection. The Deferred fires when the attempt in progress has been
     * cancelled, the scheduled retry dropped, or the connection closed (its {@code connectionLost} run).
     */
    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        switch (state) {
            case INIT, STOPPED -> {
                state = State.STOPPED;
                return Deferred.succeed(null);
            }
            case CONNECTING -> {
                state = State.DISCONNECTING;
                Deferred<Void> waited = waitForStop();
                attempt.cancel();
                return waited;
            }
            case WAITING -> {
                state = State.STOPPED;
                Deferred<Void> waited = waitForStop();
                failWaiters(new Failure(new CancelledError()));
                retry.cancel();
                retry = null;
                finishStopping();
                return waited;
            }
            case CONNECTED -> {
                state = State.DISCONNECTING;
                Deferred<Void> waited = waitForStop();
                connection.transport.loseConnection();
                return waited;
            }
            case DISCONNECTING, RESTARTING -> {
                state = State.DISCONNECTING;
                return waitForStop();
            }
            default -> throw new AssertionError(state);
        }
    }

    /** {@code whenConnected(0)}: wait for a connection however many attempts fail, until stopped. */
    public Deferred<IProtocol> whenConnected() {
        return whenConnected(0);
    }

    /**
     * The protocol of the current connection, or of the next one to be made (Twisted's
     * {@code whenConnected(failAfterFailures)}). The Deferred fires with the protocol the factory built
     * (not a wrapper); fails with {@link CancelledError} if the service stops first (at once if it is
     * stopped); and, when {@code failAfterFailures} is 1 or more, fails with the attempt's failure once that
     * many consecutive attempts have failed since this call: 1 reports the very next failure.
     *
     * @param failAfterFailures 0 for Twisted's {@code None} (never fail for connection failures)
     */
    public Deferred<IProtocol> whenConnected(int failAfterFailures) {
        if (failAfterFailures < 0) {
            throw new IllegalArgumentException("failAfterFailures must be 0 (never) or more, got " + failAfterFailures);
        }
        return switch (state) {
            case CONNECTED -> Deferred.succeed(connection.protocol);
            case STOPPED -> Deferred.fail(new CancelledError());
            default -> {
                Deferred<IProtocol> d = new Deferred<>();
                waiters.add(new Waiter(d, failAfterFailures == 0 ? null : failAfterFailures));
                yield d;
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------
    // The machine's inputs

    private void connect() {
        state = State.CONNECTING;
        Deferred<IProtocol> d = endpoint.connect(ReconnectingProtocolProxy.disconnectFactory(factory, this::clientDisconnected));
        attempt = d;
        d.addCallbacks(protocol -> {
            connectionMade(d, (ReconnectingProtocolProxy) protocol);
            return null;
        }, failure -> {
            connectionFailed(d, failure);
            return null;
        });
    }

    private void connectionMade(Deferred<IProtocol> from, ReconnectingProtocolProxy protocol) {
        if (from != attempt || state != State.CONNECTING) {
            return;
        }
        attempt = null;
        state = State.CONNECTED;
        connection = protocol;
        failedAttempts = 0;
        List<Waiter> ready = takeWaiters();
        for (Waiter w : ready) {
            w.deferred().callback(protocol.protocol);
        }
    }

    private void connectionFailed(Deferred<IProtocol> from, Failure failure) {
        if (from != attempt) {
            return;
        }
        attempt = null;
        switch (state) {
            case CONNECTING -> {
                failWaitersThatGaveUp(failure);
                waitForRetry();
            }
            case DISCONNECTING -> disconnectingFinished();
            case RESTARTING -> {
                // Only an endpoint whose cancel does not fire at once gets here: stopped, then started again
                // before the cancelled attempt reported back.
                finishStopping();
                connect();
            }
            default -> LOG.log(Level.DEBUG, "ClientService: attempt failed in state " + state);
        }
    }

    private void clientDisconnected(Failure reason) {
        ReconnectingProtocolProxy lost = connection;
        connection = null;
        if (lost == null) {
            return;
        }
        switch (state) {
            case CONNECTED -> waitForRetry();
            case DISCONNECTING -> disconnectingFinished();
            case RESTARTING -> {
                finishStopping();
                connect();
            }
            default -> LOG.log(Level.DEBUG, "ClientService: connection lost in state " + state);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Steps

    private void waitForRetry() {
        state = State.WAITING;
        failedAttempts++;
        double delay = retryPolicy.delay(failedAttempts);
        LOG.log(Level.INFO, "Scheduling retry " + failedAttempts + " to connect " + endpoint + " in " + delay
                + " seconds.");
        retry = clock.callLater(delay, () -> {
            retry = null;
            if (state == State.WAITING) {
                connect();
            }
        });
    }

    /** Twisted's {@code failedWhenConnecting}: count this failure against each waiter's allowance. */
    private void failWaitersThatGaveUp(Failure failure) {
        List<Waiter> keep = new ArrayList<>();
        List<Waiter> ready = new ArrayList<>();
        for (Waiter w : waiters) {
            Integer remaining = w.failAfterFailures();
            if (remaining == null) {
                keep.add(w);
            } else if (remaining <= 1) {
                ready.add(w);
            } else {
                keep.add(new Waiter(w.deferred(), remaining - 1));
            }
        }
        waiters = keep;
        for (Waiter w : ready) {
            w.deferred().errback(failure);
        }
    }

    private void disconnectingFinished() {
        state = State.STOPPED;
        failWaiters(new Failure(new CancelledError()));
        finishStopping();
    }

    private void failWaiters(Failure failure) {
        for (Waiter w : takeWaiters()) {
            w.deferred().errback(failure);
        }
    }

    private List<Waiter> takeWaiters() {
        // Swapped out before firing: a callback may call whenConnected again.
        List<Waiter> taken = waiters;
        waiters = new ArrayList<>();
        return taken;
    }

    private Deferred<Void> waitForStop() {
        Deferred<Void> d = new Deferred<>();
        stopWaiters.add(d);
        return d;
    }

    private void finishStopping() {
        List<Deferred<Void>> taken = stopWaiters;
        stopWaiters = new ArrayList<>();
        for (Deferred<Void> d : taken) {
            d.callback(null);
        }
    }
}
