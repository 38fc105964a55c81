package dev.twine.internet;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.CancelledError;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.task.Clock;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ClientCreator (Twisted's {@code test_protocols.ClientCreatorTests}, semantics.md §3.10). */
class ClientCreatorTest {

    /** Records connectTCP calls; time is a {@link Clock}. */
    static final class FakeReactor implements IReactorTCP, IReactorTime {
        record Call(String host, int port, ClientFactory factory, double timeout, RecordingConnector connector) {
        }

        final Clock clock = new Clock();
        final List<Call> connects = new ArrayList<>();

        @Override
        public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
                InetSocketAddress bindAddress) {
            RecordingConnector c = new RecordingConnector();
            c.connecting = true;
            connects.add(new Call(host, port, factory, timeout, c));
            return c;
        }

        @Override
        public double seconds() {
            return clock.seconds();
        }

        @Override
        public IDelayedCall callLater(double delay, Runnable f) {
            return clock.callLater(delay, f);
        }

        @Override
        public List<IDelayedCall> getDelayedCalls() {
            return clock.getDelayedCalls();
        }
    }

    private final FakeReactor reactor = new FakeReactor();
    private final ClientCreator<Protocol> creator = new ClientCreator<>(reactor, Protocol::new);

    @Test
    void connectTCPPassesTheArgumentsOnAndFiresWithTheProtocolOnALaterIteration() {
        Deferred<Protocol> d = creator.connectTCP("example.com", 1234, 10, null);
        FakeReactor.Call call = reactor.connects.get(0);
        assertEquals("example.com", call.host());
        assertEquals(1234, call.port());
        assertEquals(10, call.timeout());
        IProtocol built = call.factory().buildProtocol(new IPv4Address("TCP", "1.2.3.4", 1234));
        assertNoResult(d);
        reactor.clock.advance(0);
        assertSame(built, successResultOf(d));
    }

    @Test
    void aFailedConnectErrbacksWithTheReason() {
        Deferred<Protocol> d = creator.connectTCP("127.0.0.1", 1);
        FakeReactor.Call call = reactor.connects.get(0);
        call.factory().clientConnectionFailed(call.connector(), new Failure(new ConnectionRefusedError()));
        reactor.clock.advance(0);
        failureResultOf(d, ConnectionRefusedError.class);
    }

    @Test
    void cancellingBeforeTheConnectionDisconnectsTheConnector() {
        Deferred<Protocol> d = creator.connectTCP("127.0.0.1", 1);
        d.cancel();
        assertEquals(1, reactor.connects.get(0).connector().disconnects);
        failureResultOf(d, CancelledError.class);
    }

    @Test
    void cancellingAfterConnectingButBeforeFiringDropsThePendingCall() {
        Deferred<Protocol> d = creator.connectTCP("127.0.0.1", 1);
        reactor.connects.get(0).factory().buildProtocol(new IPv4Address("TCP", "127.0.0.1", 1));
        d.cancel();
        failureResultOf(d, CancelledError.class);
        assertTrue(reactor.clock.getDelayedCalls().isEmpty());
        assertEquals(1, reactor.connects.get(0).connector().disconnects);
    }

    @Test
    void eachConnectMakesANewProtocol() {
        creator.connectTCP("127.0.0.1", 1);
        creator.connectTCP("127.0.0.1", 2);
        IAddress a = new IPv4Address("TCP", "127.0.0.1", 1);
        IProtocol first = reactor.connects.get(0).factory().buildProtocol(a);
        IProtocol second = reactor.connects.get(1).factory().buildProtocol(a);
        assertTrue(first != second);
    }
}
