package dev.twine.internet.endpoints;

import static dev.twine.defer.DeferredTesting.assertNoResult;
import static dev.twine.defer.DeferredTesting.failureResultOf;
import static dev.twine.defer.DeferredTesting.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.HostnameAddress;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.error.DNSLookupError;
import dev.twine.internet.error.TimeoutError;
import dev.twine.testing.AccumulatingProtocol;
import dev.twine.testing.MemoryReactorClock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TcpClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * HostnameEndpoint over a {@link MemoryReactorClock} and a scripted resolver (semantics.md §1.14.6), after
 * Twisted's {@code HostnameEndpointsFasterConnectionTests}, {@code HostnameEndpointsOneIPv4Tests} and
 * {@code HostnameEndpointsGAIFailureTests}: the lookup, the 0.3 s staggering, the winner, the failures and
 * cancellation.
 */
class HostnameEndpointTest {
    private static final IPv4Address PEER = new IPv4Address("TCP", "127.0.0.1", 80);

    private final MemoryReactorClock reactor = new MemoryReactorClock();
    private final List<String> lookedUp = new ArrayList<>();
    private final boolean[] lookupCancelled = {false};
    private final Deferred<List<InetAddress>> lookup = new Deferred<>(d -> lookupCancelled[0] = true);

    private HostnameEndpoint endpoint(String host) {
        HostResolver resolver = name -> {
            lookedUp.add(name);
            return lookup;
        };
        return new HostnameEndpoint(reactor, resolver, host, 80, 30, null, 0.3);
    }

    private static List<InetAddress> addresses(String... literals) {
        return Stream.of(literals).map(l -> {
            try {
                return InetAddress.getByName(l);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private List<String> attemptedHosts() {
        return reactor.tcpClients().stream().map(TcpClient::host).toList();
    }

    /** The attempt's connection comes up, as the reactor would make it. */
    private static void connect(TcpClient attempt) {
        attempt.factory().buildProtocol(PEER).makeConnection(new StringTransport());
    }

    private static void refuse(TcpClient attempt) {
        attempt.factory().clientConnectionFailed(attempt.connector(), new Failure(new ConnectionRefusedError()));
    }

    @Test
    void theNameIsResolvedBeforeAnyAttempt() {
        Deferred<IProtocol> d = endpoint("localhost").connect(new Factory(AccumulatingProtocol::new));
        assertEquals(List.of("localhost"), lookedUp);
        assertTrue(reactor.tcpClients().isEmpty());
        assertNoResult(d);
    }

    @Test
    void attemptsStartInResolverOrderEachAttemptDelayAfterThePrevious() {
        endpoint("localhost").connect(new Factory(AccumulatingProtocol::new));
        lookup.callback(addresses("::1", "127.0.0.1", "127.0.0.2"));
        assertEquals(List.of("0:0:0:0:0:0:0:1"), attemptedHosts());
        reactor.advance(0.29);
        assertEquals(1, attemptedHosts().size());
        reactor.advance(0.01);
        assertEquals(List.of("0:0:0:0:0:0:0:1", "127.0.0.1"), attemptedHosts());
        reactor.advance(0.3);
        assertEquals(List.of("0:0:0:0:0:0:0:1", "127.0.0.1", "127.0.0.2"), attemptedHosts());
        assertTrue(reactor.getDelayedCalls().isEmpty(), "nothing is scheduled after the last address");
    }

    @Test
    void theFirstAttemptToConnectWinsAndTheOthersAreCancelled() {
        AccumulatingProtocol user = new AccumulatingProtocol();
        Deferred<IProtocol> d = endpoint("localhost").connect(new Factory(() -> user));
        lookup.callback(addresses("::1", "127.0.0.1", "127.0.0.2"));
        reactor.advance(0.3);
        connect(reactor.tcpClients().get(1));
        assertSame(user, successResultOf(d));
        assertEquals(1, user.made);
        assertTrue(reactor.tcpClients().get(0).connector().stoppedConnecting(), "the slower attempt is stopped");
        assertTrue(reactor.getDelayedCalls().isEmpty(), "no third attempt is scheduled");
        reactor.advance(1);
        assertEquals(2, reactor.tcpClients().size());
    }

    @Test
    void aFailedAttemptDoesNotStartTheNextEarly() {
        Deferred<IProtocol> d = endpoint("localhost").connect(new Factory(AccumulatingProtocol::new));
        lookup.callback(addresses("::1", "127.0.0.1"));
        refuse(reactor.tcpClients().get(0));
        assertNoResult(d);
        assertEquals(1, reactor.tcpClients().size());
        reactor.advance(0.3);
        assertEquals(2, reactor.tcpClients().size());
        connect(reactor.tcpClients().get(1));
        successResultOf(d);
    }

    @Test
    void whenEveryAttemptFailsTheLastFailureIsTheResult() {
        Deferred<IProtocol> d = endpoint("localhost").connect(new Factory(AccumulatingProtocol::new));
        lookup.callback(addresses("::1", "127.0.0.1"));
        refuse(reactor.tcpClients().get(0));
        reactor.advance(0.3);
        TcpClient last = reactor.tcpClients().get(1);
        last.factory().clientConnectionFailed(last.connector(), new Failure(new TimeoutError()));
        failureResultOf(d, TimeoutError.class);
    }

    @Test
    void aSingleRefusedAddressIsReportedAtOnce() {
        Deferred<IProtocol> d = endpoint("localhost").connect(new Factory(AccumulatingProtocol::new));
        lookup.callback(addresses("127.0.0.1"));
        refuse(reactor.tcpClients().get(0));
        failureResultOf(d, ConnectionRefusedError.class);
        assertTrue(reactor.getDelayedCalls().isEmpty());
    }

    @Test
    void aFailedLookupIsADNSLookupErrorNamingTheHost() {
        Deferred<IProtocol> d = endpoint("no.such.host").connect(new Factory(AccumulatingProtocol::new));
        lookup.errback(new UnknownHostException("no.such.host: Name or service not known"));
        Failure f = failureResultOf(d, DNSLookupError.class);
        assertTrue(f.getErrorMessage().contains("'no.such.host'"), f.getErrorMessage());
        assertInstanceOf(UnknownHostException.class, f.value().getCause());
    }

    @Test
    void aLookupWithNoAddressesIsADNSLookupError() {
        Deferred<IProtocol> d = endpoint("empty.example").connect(new Factory(AccumulatingProtocol::new));
        lookup.callback(List.of());
        Failure f = failureResultOf(d, DNSLookupError.class);
        assertTrue(f.getErrorMessage().contains("no results for hostname lookup: empty.example"), f.getErrorMessage());
    }

    @Test
    void cancellingDuringTheLookupCancelsItAndFailsWithConnectingCancelledError() {
        Deferred<IProtocol> d = endpoint("localhost").connect(new Factory(AccumulatingProtocol::new));
        d.cancel();
        ConnectingCancelledError e = (ConnectingCancelledError) failureResultOf(d, ConnectingCancelledError.class)
                .value();
        assertEquals(new HostnameAddress("localhost", 80), e.address());
        assertTrue(lookupCancelled[0], "the lookup was cancelled");
        assertTrue(reactor.tcpClients().isEmpty());
    }

    @Test
    void cancellingDuringTheAttemptsStopsThemAllAndTheSchedule() {
        Deferred<IProtocol> d = endpoint("localhost").connect(new Factory(AccumulatingProtocol::new));
        lookup.callback(addresses("::1", "127.0.0.1", "127.0.0.2"));
        reactor.advance(0.3);
        d.cancel();
        ConnectingCancelledError e = (ConnectingCancelledError) failureResultOf(d, ConnectingCancelledError.class)
                .value();
        assertEquals(new HostnameAddress("localhost", 80), e.address());
        assertTrue(reactor.tcpClients().stream().allMatch(c -> c.connector().stoppedConnecting()));
        assertTrue(reactor.getDelayedCalls().isEmpty());
        reactor.advance(1);
        assertEquals(2, reactor.tcpClients().size());
    }

    @Test
    void aHostIDNACannotEncodeFailsTheConnectNotTheConstructor() {
        HostnameEndpoint bad = endpoint("a".repeat(64) + ".example");
        Failure f = failureResultOf(bad.connect(new Factory(AccumulatingProtocol::new)), IllegalArgumentException.class);
        assertTrue(f.getErrorMessage().contains("invalid hostname"), f.getErrorMessage());
        assertTrue(lookedUp.isEmpty());
    }

    @Test
    void aNegativeOrNonFiniteAttemptDelayIsRefused() {
        HostResolver none = name -> lookup;
        assertThrows(IllegalArgumentException.class,
                () -> new HostnameEndpoint(reactor, none, "localhost", 80, 30, null, -0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new HostnameEndpoint(reactor, none, "localhost", 80, 30, null, Double.NaN));
    }

    @Test
    void itsStringFormIsTwistedsRepr() {
        assertEquals("<HostnameEndpoint localhost:80>", endpoint("localhost").toString());
        assertEquals("<HostnameEndpoint [::1]:80>", endpoint("::1").toString());
        assertFalse(endpoint("::1").toString().contains("0:0"));
    }
}
