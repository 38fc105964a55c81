package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.HostnameAddress;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.internet.error.DNSLookupError;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One {@link HostnameEndpoint#connect}: the lookup, then staggered attempts until one wins, all fail, or the
 * caller cancels (Twisted's {@code startConnectionAttempts}, semantics.md §1.14.6).
 *
 * <p>Twine's difference: Twisted's {@code LoopingCall} notices that the addresses are used up only on the
 * tick after the last attempt started, so a lone refused address is reported {@code attemptDelay} late;
 * here the outcome is reported as soon as the last attempt fails.
 *
 * <p>Threading: reactor thread only.
 */
final class AttemptRace {
    private enum State { RESOLVING, CONNECTING, DONE }

    private final HostnameEndpoint endpoint;
    private final IProtocolFactory factory;
    private final Deferred<IProtocol> result;
    private final List<Deferred<IProtocol>> pending = new ArrayList<>();
    private State state = State.RESOLVING;
    private Deferred<List<InetAddress>> lookup;
    private Iterator<InetAddress> remaining;
    private IDelayedCall nextAttempt;
    private Failure lastFailure;

    AttemptRace(HostnameEndpoint endpoint, IProtocolFactory factory) {
        this.endpoint = endpoint;
        this.factory = factory;
        this.result = new Deferred<>(this::cancel);
    }

    Deferred<IProtocol> start() {
        try {
            lookup = endpoint.resolver().resolve(endpoint.host());
        } catch (RuntimeException e) {
            state = State.DONE;
            return Deferred.fail(e);
        }
        lookup.addCallbacks(addresses -> {
            resolved(addresses);
            return null;
        }, failure -> {
            lookupFailed(failure);
            return null;
        });
        return result;
    }

    private void resolved(List<InetAddress> addresses) {
        if (state != State.RESOLVING) {
            return;
        }
        if (addresses.isEmpty()) {
            finish(new Failure(new DNSLookupError("no results for hostname lookup: " + endpoint.host())));
            return;
        }
        state = State.CONNECTING;
        remaining = List.copyOf(addresses).iterator();
        startNext();
    }

    private void lookupFailed(Failure failure) {
        if (state != State.RESOLVING) {
            return;
        }
        DNSLookupError e = new DNSLookupError("couldn't find the hostname '" + endpoint.host() + "': "
                + failure.getErrorMessage());
        e.initCause(failure.value());
        finish(new Failure(e));
    }

    /** Starts the attempt to the next address and schedules the one after it. */
    private void startNext() {
        nextAttempt = null;
        InetAddress address = remaining.next();
        String literal = address instanceof Inet6Address v6 ? v6.getHostAddress() : address.getHostAddress();
        Deferred<IProtocol> attempt = endpoint.attempt(literal).connect(factory);
        // Registered before the callbacks: a connect may fail synchronously, inside addCallbacks.
        pending.add(attempt);
        attempt.addCallbacks(protocol -> {
            pending.remove(attempt);
            won(protocol);
            return null;
        }, failure -> {
            pending.remove(attempt);
            failed(failure);
            return null;
        });
        if (state == State.CONNECTING && remaining.hasNext()) {
            nextAttempt = endpoint.time().callLater(endpoint.attemptDelay(), this::startNext);
        }
    }

    private void won(IProtocol protocol) {
        if (state != State.CONNECTING) {
            return;
        }
        state = State.DONE;
        stopEverything();
        result.callback(protocol);
    }

    private void failed(Failure failure) {
        if (state != State.CONNECTING) {
            // A losing attempt cancelled by stopEverything(); its ConnectingCancelledError is expected.
            return;
        }
        lastFailure = failure;
        if (pending.isEmpty() && !remaining.hasNext()) {
            finish(lastFailure);
        }
    }

    private void finish(Failure failure) {
        state = State.DONE;
        stopEverything();
        result.errback(failure);
    }

    /** The result's canceller: Twisted errbacks the winner, whose first callback cancels the rest. */
    private void cancel(Deferred<IProtocol> d) {
        boolean resolving = state == State.RESOLVING;
        state = State.DONE;
        stopEverything();
        if (resolving && lookup != null) {
            lookup.cancel();
        }
        d.errback(new ConnectingCancelledError(new HostnameAddress(endpoint.host(), endpoint.port())));
    }

    private void stopEverything() {
        if (nextAttempt != null) {
            nextAttempt.cancel();
            nextAttempt = null;
        }
        for (Deferred<IProtocol> attempt : List.copyOf(pending)) {
            attempt.cancel();
        }
        pending.clear();
    }
}
