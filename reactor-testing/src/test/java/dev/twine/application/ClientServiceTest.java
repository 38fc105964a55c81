package dev.twine.application;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.CancelledError;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.IFileDescriptorReceiver;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IHandshakeListener;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.endpoints.IStreamClientEndpoint;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.task.Clock;
import dev.twine.testing.AccumulatingProtocol;
import dev.twine.testing.StringTransport;
import dev.twine.testing.StringTransportWithDisconnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ClientService (semantics.md §3.16) against a scripted endpoint and a {@link Clock}, after Twisted's
 * {@code twisted/application/test/test_internet.py} {@code ClientServiceTests} ({@code test_clientConnected},
 * {@code test_clientConnectionLost}, {@code test_whenConnectedFails}, {@code test_startServiceWhileStopping},
 * {@code test_stopServiceWhileDisconnecting}, ...): connect, retry with the policy, whenConnected with and
 * without a failure allowance, and stopping in every state.
 */
class ClientServiceTest {
    private static final IPv4Address PEER = new IPv4Address("TCP", "127.0.0.1", 80);

    private final Clock clock = new Clock();
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint();
    private final List<AccumulatingProtocol> built = new ArrayList<>();
    private final Factory factory = new Factory(() -> {
        AccumulatingProtocol p = new AccumulatingProtocol();
        built.add(p);
        return p;
    });
    /** A fixed policy makes the schedule exact: 1 s, 2 s, 3 s, ... */
    private final ClientService service = new ClientService(endpoint, factory, n -> n, clock);

    /** An endpoint whose attempts the test completes by hand, as a real one would. */
    private static final class ScriptedEndpoint implements IStreamClientEndpoint {
        final List<IProtocolFactory> factories = new ArrayList<>();
        final List<Deferred<IProtocol>> attempts = new ArrayList<>();
        int cancelled;

        @Override
        public Deferred<IProtocol> connect(IProtocolFactory f) {
            factories.add(f);
            Deferred<IProtocol> d = new Deferred<>(x -> cancelled++);
            attempts.add(d);
            return d;
        }

        /** The last attempt connects: its protocol is built and started, then the Deferred fires. */
        StringTransportWithDisconnection succeed() {
            IProtocol p = factories.get(factories.size() - 1).buildProtocol(PEER);
            StringTransportWithDisconnection t = new StringTransportWithDisconnection();
            t.connect(p);
            attempts.get(attempts.size() - 1).callback(p);
            return t;
        }

        /** As {@link #succeed()}, over a transport that only records loseConnection; returns the protocol. */
        IProtocol succeedOverSlowTransport(StringTransport transport) {
            IProtocol p = factories.get(factories.size() - 1).buildProtocol(PEER);
            p.makeConnection(transport);
            attempts.get(attempts.size() - 1).callback(p);
            return p;
        }

        void fail() {
            attempts.get(attempts.size() - 1).errback(new ConnectionRefusedError());
        }
    }

    @Test
    void startingConnectsAndWhenConnectedGivesTheFactorysProtocol() {
        Deferred<IProtocol> waiting = service.whenConnected();
        service.startService();
        assertEquals(1, endpoint.attempts.size());
        assertNoResult(waiting);
        endpoint.succeed();
        assertSame(built.get(0), successResultOf(waiting));
        assertSame(built.get(0), successResultOf(service.whenConnected()));
        assertEquals(1, built.get(0).made);
    }

    @Test
    void aFailedAttemptIsRetriedAfterThePolicysDelayForThatManyFailures() {
        service.startService();
        endpoint.fail();
        clock.advance(0.99);
        assertEquals(1, endpoint.attempts.size());
        clock.advance(0.01);
        assertEquals(2, endpoint.attempts.size());
        endpoint.fail();
        clock.advance(1.99);
        assertEquals(2, endpoint.attempts.size());
        clock.advance(0.01);
        assertEquals(3, endpoint.attempts.size());
    }

    @Test
    void aLostConnectionReconnectsAndAConnectionResetsTheFailureCount() {
        service.startService();
        endpoint.fail();
        clock.advance(1);
        StringTransportWithDisconnection t = endpoint.succeed();
        t.loseConnection();
        assertEquals(1, built.get(0).closed, "the protocol hears of the loss first");
        clock.advance(0.99);
        assertEquals(2, endpoint.attempts.size());
        clock.advance(0.01);
        assertEquals(3, endpoint.attempts.size(), "one failure since the connection: the first delay again");
        endpoint.succeed();
        assertSame(built.get(1), successResultOf(service.whenConnected()));
    }

    @Test
    void whenConnectedWaitsThroughFailuresByDefault() {
        service.startService();
        Deferred<IProtocol> waiting = service.whenConnected();
        for (int i = 1; i <= 5; i++) {
            endpoint.fail();
            clock.advance(i);
        }
        assertNoResult(waiting);
        endpoint.succeed();
        assertSame(built.get(0), successResultOf(waiting));
    }

    @Test
    void whenConnectedWithAnAllowanceFailsWithTheFailureThatUsesItUp() {
        service.startService();
        Deferred<IProtocol> first = service.whenConnected(1);
        Deferred<IProtocol> second = service.whenConnected(2);
        endpoint.fail();
        failureResultOf(first, ConnectionRefusedError.class);
        assertNoResult(second);
        clock.advance(1);
        endpoint.fail();
        failureResultOf(second, ConnectionRefusedError.class);
        assertThrows(IllegalArgumentException.class, () -> service.whenConnected(-1));
    }

    @Test
    void stoppingWhileConnectingCancelsTheAttemptAndFailsWaiters() {
        service.startService();
        Deferred<IProtocol> waiting = service.whenConnected();
        Deferred<Void> stopped = service.stopService();
        assertEquals(1, endpoint.cancelled);
        successResultOf(stopped);
        failureResultOf(waiting, CancelledError.class);
        failureResultOf(service.whenConnected(), CancelledError.class);
        clock.advance(100);
        assertEquals(1, endpoint.attempts.size(), "no retry after stopping");
    }

    @Test
    void stoppingWhileWaitingDropsTheRetry() {
        service.startService();
        endpoint.fail();
        Deferred<IProtocol> waiting = service.whenConnected();
        successResultOf(service.stopService());
        failureResultOf(waiting, CancelledError.class);
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void stoppingWhileConnectedClosesTheConnectionAndFiresWhenItIsGone() {
        service.startService();
        StringTransportWithDisconnection t = endpoint.succeed();
        Deferred<Void> stopped = service.stopService();
        assertFalse(t.isConnected());
        successResultOf(stopped);
        assertEquals(1, built.get(0).closed);
        assertInstanceOf(ConnectionDone.class, built.get(0).closedReason.value());
        clock.advance(100);
        assertEquals(1, endpoint.attempts.size(), "no reconnect after stopping");
    }

    @Test
    void startingWhileStoppingReconnectsOnceTheOldConnectionIsGone() {
        service.startService();
        StringTransport slow = new StringTransport();
        IProtocol first = endpoint.succeedOverSlowTransport(slow);
        Deferred<Void> stopped = service.stopService();
        assertTrue(slow.isDisconnecting());
        service.startService();
        assertEquals(1, endpoint.attempts.size(), "no new attempt while the old connection is open");
        assertNoResult(stopped);
        first.connectionLost(new Failure(new ConnectionDone()));
        successResultOf(stopped);
        assertEquals(2, endpoint.attempts.size());
    }

    @Test
    void stoppingTwiceWhileDisconnectingFiresBothWhenTheConnectionIsGone() {
        service.startService();
        IProtocol first = endpoint.succeedOverSlowTransport(new StringTransport());
        Deferred<Void> one = service.stopService();
        Deferred<Void> two = service.stopService();
        assertNoResult(one);
        assertNoResult(two);
        first.connectionLost(new Failure(new ConnectionDone()));
        successResultOf(one);
        successResultOf(two);
        clock.advance(100);
        assertEquals(1, endpoint.attempts.size());
    }

    @Test
    void stoppingBeforeStartingFiresAtOnce() {
        successResultOf(service.stopService());
        failureResultOf(service.whenConnected(), CancelledError.class);
    }

    @Test
    void startingAgainAfterAStopConnectsAgain() {
        service.startService();
        endpoint.succeed();
        successResultOf(service.stopService());
        service.startService();
        assertEquals(2, endpoint.attempts.size());
        endpoint.succeed();
        assertSame(built.get(1), successResultOf(service.whenConnected()));
    }

    @Test
    void aDuplicateStartIsIgnored() {
        service.startService();
        service.startService();
        assertEquals(1, endpoint.attempts.size());
    }

    @Test
    void theConnectionIsHalfCloseableExactlyWhenTheProtocolIs() {
        class HalfCloser extends AccumulatingProtocol implements IHalfCloseableProtocol {
            int readLost;

            @Override
            public void readConnectionLost() {
                readLost++;
            }

            @Override
            public void writeConnectionLost() {
            }
        }
        HalfCloser half = new HalfCloser();
        ClientService halfService = new ClientService(endpoint, new Factory(() -> half), n -> n, clock);
        halfService.startService();
        IProtocol proxy = endpoint.factories.get(0).buildProtocol(PEER);
        assertInstanceOf(IHalfCloseableProtocol.class, proxy);
        ((IHalfCloseableProtocol) proxy).readConnectionLost();
        assertEquals(1, half.readLost);
        service.startService();
        assertFalse(endpoint.factories.get(1).buildProtocol(PEER) instanceof IHalfCloseableProtocol);
    }

    /** As Twisted's proxy passes every attribute on: descriptors reach a protocol that takes them (§8.8). */
    @Test
    void theConnectionReceivesDescriptorsExactlyWhenTheProtocolDoes() {
        class Taker extends AccumulatingProtocol implements IFileDescriptorReceiver {
            final List<Integer> received = new ArrayList<>();

            @Override
            public void fileDescriptorReceived(int descriptor) {
                received.add(descriptor);
            }
        }
        Taker taker = new Taker();
        ClientService takingService = new ClientService(endpoint, new Factory(() -> taker), n -> n, clock);
        takingService.startService();
        IProtocol proxy = endpoint.factories.get(0).buildProtocol(PEER);
        assertInstanceOf(IFileDescriptorReceiver.class, proxy).fileDescriptorReceived(9);
        assertEquals(List.of(9), taker.received);
        assertFalse(proxy instanceof IHalfCloseableProtocol);
        service.startService();
        assertFalse(endpoint.factories.get(1).buildProtocol(PEER) instanceof IFileDescriptorReceiver);
    }

    /** The proxy passes the TLS handshake's completion on to a protocol that listens for it (§4.1). */
    @Test
    void theHandshakeReachesAListeningProtocolThroughTheProxy() {
        class Listener extends AccumulatingProtocol implements IHandshakeListener {
            int handshakes;

            @Override
            public void handshakeCompleted() {
                handshakes++;
            }
        }
        Listener listener = new Listener();
        ClientService listening = new ClientService(endpoint, new Factory(() -> listener), n -> n, clock);
        listening.startService();
        assertInstanceOf(IHandshakeListener.class, endpoint.factories.get(0).buildProtocol(PEER)).handshakeCompleted();
        assertEquals(1, listener.handshakes);
    }

    @Test
    void backoffPolicyHasTwistedsDefaultsAndCap() {
        RetryPolicy noJitter = RetryPolicy.backoffPolicy(1.0, 60.0, 1.5, () -> 0.0);
        assertEquals(1.5, noJitter.delay(1), 1e-9);
        assertEquals(2.25, noJitter.delay(2), 1e-9);
        assertEquals(60.0, noJitter.delay(20), 1e-9);
        assertEquals(60.0, noJitter.delay(Integer.MAX_VALUE), 1e-9);
        RetryPolicy withJitter = RetryPolicy.backoffPolicy(1.0, 60.0, 1.5, () -> 0.25);
        assertEquals(60.25, withJitter.delay(50), 1e-9);
        double d = RetryPolicy.backoffPolicy().delay(1);
        assertTrue(d >= 1.5 && d < 2.5, "default: 1.5 s plus a jitter below 1 s, got " + d);
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.backoffPolicy(-1, 60, 1.5, () -> 0));
    }

    @Test
    void anExceptionFromConnectionLostStillReconnects() {
        ClientService throwing = new ClientService(endpoint, new Factory(() -> new AccumulatingProtocol() {
            @Override
            public void connectionLost(Failure reason) {
                throw new IllegalStateException("boom");
            }
        }), n -> n, clock);
        throwing.startService();
        StringTransportWithDisconnection t = endpoint.succeed();
        assertThrows(IllegalStateException.class, t::loseConnection);
        clock.advance(1);
        assertEquals(2, endpoint.attempts.size());
    }
}
