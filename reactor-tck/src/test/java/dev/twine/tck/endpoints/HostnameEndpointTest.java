package dev.twine.tck.endpoints;

import static dev.twine.tck.endpoints.EndpointFixtures.finish;
import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.HostnameAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.endpoints.HostResolver;
import dev.twine.internet.endpoints.HostnameEndpoint;
import dev.twine.internet.error.ConnectingCancelledError;
import dev.twine.internet.error.DNSLookupError;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.endpoints.EndpointFixtures.Echo;
import dev.twine.tck.endpoints.EndpointFixtures.Greeter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * HostnameEndpoint over real loopback sockets on every backend (semantics.md §1.14.6): resolution in the
 * thread pool, attempts over every address, the first success winning, and cancellation. Only
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1} are used.
 */
class HostnameEndpointTest {

    /** A resolver that answers at once with fixed loopback addresses and records each lookup. */
    private static HostResolver fixed(List<String> lookups, String... literals) {
        return host -> {
            lookups.add(host);
            List<InetAddress> out = new ArrayList<>();
            for (String l : literals) {
                try {
                    out.add(InetAddress.getByName(l));
                } catch (Exception e) {
                    return Deferred.fail(e);
                }
            }
            return Deferred.succeed(out);
        };
    }

    @ReactorTest
    void localhostResolvesInTheThreadPoolAndConnects(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort listening = reactor.listenTCP(0, new ServerFactory(Echo::new), 50, LOOPBACK);
        Greeter greeter = new Greeter();
        b.needsRunningReactor(reactor, () -> new HostnameEndpoint(reactor, "localhost", portOf(listening))
                .connect(new Factory(() -> greeter)));
        greeter.lost.addCallback(ignored -> {
            finish(reactor, listening);
            return null;
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals("hello", greeter.received.toString());
    }

    @ReactorTest
    void aRefusedAddressIsPassedOverForTheNextOne(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        // Only 127.0.0.1 listens on this port, so the attempt to ::1 (first) is refused, or fails at once
        // where there is no IPv6 loopback; the second attempt, 0.3 s later, connects.
        IListeningPort listening = reactor.listenTCP(0, new ServerFactory(Echo::new), 50, LOOPBACK);
        List<String> lookups = new ArrayList<>();
        Greeter greeter = new Greeter();
        double[] elapsed = {-1};
        b.needsRunningReactor(reactor, () -> {
            double start = reactor.seconds();
            new HostnameEndpoint(reactor, fixed(lookups, "::1", LOOPBACK), "example.invalid", portOf(listening), 30,
                    null, 0.3)
                    .connect(new Factory(() -> greeter))
                    .addCallback(p -> {
                        elapsed[0] = reactor.seconds() - start;
                        assertEquals(LOOPBACK, greeter.transport.getPeer().host());
                        return null;
                    });
        });
        greeter.lost.addCallback(ignored -> {
            finish(reactor, listening);
            return null;
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("example.invalid"), lookups);
        assertEquals("hello", greeter.received.toString());
        assertTrue(elapsed[0] >= 0.25, "the second address is tried only after the attempt delay: " + elapsed[0]);
    }

    @ReactorTest
    void theFirstConnectionWinsAndTheOtherAttemptIsCancelled(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort listening = reactor.listenTCP(0, new ServerFactory(Echo::new), 50, LOOPBACK);
        int[] built = {0};
        Greeter greeter = new Greeter();
        Object[] result = new Object[1];
        b.needsRunningReactor(reactor, () -> new HostnameEndpoint(reactor, fixed(new ArrayList<>(), LOOPBACK, LOOPBACK),
                "twice.invalid", portOf(listening), 30, null, 0)
                .connect(new Factory(() -> {
                    built[0]++;
                    return greeter;
                }))
                .addCallback(p -> {
                    result[0] = p;
                    return null;
                }));
        greeter.lost.addCallback(ignored -> {
            // Give a losing attempt time to show up if it had not been cancelled.
            reactor.callLater(0.1, () -> finish(reactor, listening));
            return null;
        });
        b.runReactor(reactor, TIMEOUT);
        assertSame(greeter, result[0]);
        assertEquals(1, built[0], "one protocol: the losing attempt never connected a second one");
    }

    @ReactorTest
    void cancellingStopsEveryAttemptWithConnectingCancelledError(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort listening = reactor.listenTCP(0, new ServerFactory(Echo::new), 50, LOOPBACK);
        int[] built = {0};
        Object[] result = new Object[1];
        b.needsRunningReactor(reactor, () -> {
            Deferred<?> d = new HostnameEndpoint(reactor, fixed(new ArrayList<>(), LOOPBACK, LOOPBACK), "cancel.invalid",
                    portOf(listening), 30, null, 0.3)
                    .connect(new Factory(() -> {
                        built[0]++;
                        return new Protocol();
                    }));
            d.addBoth(r -> {
                result[0] = r;
                return null;
            });
            d.cancel();
            reactor.callLater(0.5, () -> finish(reactor, listening));
        });
        b.runReactor(reactor, TIMEOUT);
        ConnectingCancelledError e = assertInstanceOf(ConnectingCancelledError.class, ((Failure) result[0]).value());
        assertEquals(new HostnameAddress("cancel.invalid", portOf(listening)), e.address());
        assertEquals(0, built[0]);
    }

    @ReactorTest
    void aNameWithNoAddressesFailsWithDNSLookupError(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        Object[] result = new Object[1];
        // The resolver seam stands in for a failed lookup: a real one would ask a name server, off loopback.
        b.needsRunningReactor(reactor, () -> new HostnameEndpoint(reactor, fixed(new ArrayList<>()), "nothing.invalid",
                80, 30, null, 0.3)
                .connect(new Factory(Protocol::new))
                .addBoth(r -> {
                    result[0] = r;
                    reactor.stop();
                    return null;
                }));
        b.runReactor(reactor, TIMEOUT);
        assertInstanceOf(DNSLookupError.class, ((Failure) result[0]).value());
    }
}
