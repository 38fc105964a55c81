package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.hasIpv6Loopback;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.tcp.Port;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;

/**
 * Listening ports: {@code listenTCP}, {@code stopListening}, factory reference counts, accepting
 * (semantics.md §1.5).
 */
class TcpPortTest {

    /** A server factory that records startFactory/stopFactory. */
    private static class CountingFactory extends ServerFactory {
        final Events events;

        CountingFactory(Events events) {
            super(Protocol::new);
            this.events = events;
        }

        @Override
        public void startFactory() {
            events.add("startFactory");
        }

        @Override
        public void stopFactory() {
            events.add("stopFactory");
        }
    }

    @ReactorTest
    void stopListeningFiresItsDeferredOnALaterIterationAfterStopFactoryAndThePortCanBeBoundAgain(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] again = new IListeningPort[1];
        builder.needsRunningReactor(reactor, () -> {
            IListeningPort port = reactor.listenTCP(0, new CountingFactory(events), 50, LOOPBACK);
            int number = portOf(port);
            Deferred<Void> stopped = port.stopListening();
            events.add("stopListening returned, fired=" + stopped.called());
            stopped.addCallback(ignored -> {
                events.add("deferred fired");
                // The port number is free again: the same number can be listened on at once.
                again[0] = reactor.listenTCP(number, new CountingFactory(events), 50, LOOPBACK);
                events.add("rebound same number=" + (portOf(again[0]) == number));
                again[0].stopListening().addCallback(x -> {
                    reactor.stop();
                    return null;
                });
                return null;
            });
        });
        try (LogCapture log = LogCapture.reactor()) {
            builder.runReactor(reactor, TIMEOUT);
            List<String> info = log.messages(Level.INFO);
            assertTrue(info.stream().anyMatch(m -> m.endsWith(" starting on " + portOf(again[0]))), info.toString());
            assertTrue(info.contains("(TCP Port " + portOf(again[0]) + " Closed)"), info.toString());
        }
        assertEquals(List.of("startFactory", "stopListening returned, fired=false", "stopFactory", "deferred fired",
                "startFactory", "rebound same number=true", "stopFactory"), events.list());
    }

    @ReactorTest
    void stoppingAPortThatIsNotListeningGivesAFiredDeferred(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        builder.needsRunningReactor(reactor, () -> {
            IListeningPort port = reactor.listenTCP(0, new CountingFactory(events), 50, LOOPBACK);
            Deferred<Void> first = port.stopListening();
            Deferred<Void> second = port.stopListening();
            first.addCallback(ignored -> {
                events.add("first fired");
                Deferred<Void> third = port.stopListening();
                events.add("third fired at once=" + third.called());
                return null;
            });
            second.addCallback(ignored -> {
                events.add("second fired");
                reactor.stop();
                return null;
            });
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("startFactory", "stopFactory", "first fired", "third fired at once=true", "second fired"),
                events.list());
    }

    @ReactorTest
    void acceptedConnectionsOutliveTheirPortAndTheSamePortObjectListensAgain(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Protocol client = new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                events.add("echo " + new String(data, StandardCharsets.US_ASCII));
                port[0].startListening();
                events.add("listening again, number=" + portOf(port[0]));
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                port[0].stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        };
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                // Accepted: now the port may go, and this connection must carry on without it.
                port[0].stopListening().addCallback(ignored -> {
                    events.add("port closed");
                    client.transport.write("after".getBytes(StandardCharsets.US_ASCII));
                    return null;
                });
            }

            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }
        }), 50, LOOPBACK);
        int first = portOf(port[0]);
        reactor.connectTCP(LOOPBACK, first, new ClientFactory(() -> client));
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(3, events.list().size(), events.toString());
        assertEquals(List.of("port closed", "echo after"), events.list().subList(0, 2));
        assertTrue(events.list().get(2).startsWith("listening again, number="), events.toString());
    }

    @ReactorTest
    void anErrorInStopFactoryErrbacksTheDeferredAndThePortCanStillRestart(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        RuntimeException boom = new IllegalStateException("stopFactory failed");
        CountingFactory factory = new CountingFactory(events) {
            @Override
            public void stopFactory() {
                super.stopFactory();
                if (events.count("stopFactory") == 1) {
                    throw boom;
                }
            }
        };
        builder.needsRunningReactor(reactor, () -> {
            IListeningPort port = reactor.listenTCP(0, factory, 50, LOOPBACK);
            port.stopListening().addErrback(f -> {
                events.add("errback " + (f.value() == boom));
                port.startListening();
                port.stopListening().addCallback(ignored -> {
                    events.add("second stop fired");
                    reactor.stop();
                    return null;
                });
                return null;
            });
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("startFactory", "stopFactory", "errback true", "startFactory", "stopFactory",
                "second stop fired"), events.list(), "test_exceptInStop, test_restartAfterExcept");
    }

    @ReactorTest
    void aFactoryOnThreePortsStartsOnceAndStopsAfterTheLastPortCloses(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        CountingFactory factory = new CountingFactory(events);
        builder.needsRunningReactor(reactor, () -> {
            List<IListeningPort> ports = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ports.add(reactor.listenTCP(0, factory, 50, LOOPBACK));
            }
            events.add("listening, numPorts=" + factory.numPorts());
            ports.get(0).stopListening().addDeferredCallback(a -> {
                events.add("first closed");
                return ports.get(1).stopListening();
            }).addDeferredCallback(b -> {
                events.add("second closed");
                return ports.get(2).stopListening();
            }).addCallback(c -> {
                events.add("third closed");
                reactor.stop();
                return null;
            });
        });
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("startFactory", "listening, numPorts=3", "first closed", "second closed", "stopFactory",
                "third closed"), events.list(), "test_serverStartStop");
    }

    @ReactorTest
    void listeningOnAPortInUseRaisesCannotListenErrorAndStartsNothing(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort taken = reactor.listenTCP(0, new ServerFactory(Protocol::new), 50, LOOPBACK);
        CannotListenError error = assertThrows(CannotListenError.class,
                () -> reactor.listenTCP(portOf(taken), new CountingFactory(events), 50, LOOPBACK));
        assertEquals(portOf(taken), error.port());
        assertEquals(LOOPBACK, error.iface());
        assertEquals(List.of(), events.list(), "the factory is not started when binding fails");
        builder.needsRunningReactor(reactor, () -> taken.stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        builder.runReactor(reactor, TIMEOUT);
    }

    @ReactorTest
    void portZeroReportsTheRealPortAndTheInterfaceDecidesTheAddressFamily(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        List<IListeningPort> ports = new ArrayList<>();
        IListeningPort v4 = reactor.listenTCP(0, new ServerFactory(Protocol::new), 50, LOOPBACK);
        ports.add(v4);
        assertInstanceOf(IPv4Address.class, v4.getHost());
        assertNotEquals(0, portOf(v4));
        assertEquals("127.0.0.1", v4.getHost().host());
        IListeningPort any = reactor.listenTCP(0, new ServerFactory(Protocol::new));
        ports.add(any);
        assertEquals(new IPv4Address("TCP", "0.0.0.0", portOf(any)), any.getHost(), "\"\" means every IPv4 interface");
        boolean ipv6 = hasIpv6Loopback();
        if (ipv6) {
            IListeningPort v6 = reactor.listenTCP(0, new ServerFactory(Protocol::new), 50, "::1");
            ports.add(v6);
            assertEquals(new IPv6Address("TCP", "::1", portOf(v6)), v6.getHost(), "test_portGetHostOnIPv6");
        }
        builder.needsRunningReactor(reactor, () -> {
            Countdown closed = new Countdown(ports.size(), reactor::stop);
            for (IListeningPort p : ports) {
                p.stopListening().addCallback(ignored -> {
                    closed.tick();
                    return null;
                });
            }
        });
        builder.runReactor(reactor, TIMEOUT);
        Assumptions.assumeTrue(ipv6, "no IPv6 loopback on this machine; the IPv6 half was skipped");
    }

    @ReactorTest
    void anIpv6PortServesIpv6ClientsWithIpv6Addresses(ReactorBuilder builder) throws Exception {
        Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback on this machine");
        IReactor reactor = builder.buildReactor();
        IAddress[] seen = new IAddress[2];
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                seen[0] = transport.getPeer();
                transport.loseConnection();
            }
        }), 50, "::1");
        reactor.connectTCP("::1", portOf(port), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                seen[1] = transport.getHost();
            }

            @Override
            public void connectionLost(Failure reason) {
                port.stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        }));
        builder.runReactor(reactor, TIMEOUT);
        assertInstanceOf(IPv6Address.class, seen[0]);
        assertEquals("::1", seen[0].host());
        assertEquals(seen[1], seen[0]);
    }

    @ReactorTest
    void theAcceptBatchGrowsByTwentyWhenItFillsAndShrinksToWhatWasAccepted(ReactorBuilder builder) throws Exception {
        IReactor reactor = builder.buildReactor();
        List<Integer> limitSeen = new ArrayList<>();
        Port[] port = new Port[1];
        List<Socket> clients = new ArrayList<>();
        List<Protocol> served = new ArrayList<>();
        port[0] = (Port) reactor.listenTCP(0, new ServerFactory() {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                limitSeen.add(port[0].numberAccepts());
                Protocol p = new Protocol();
                served.add(p);
                return p;
            }
        }, 500, LOOPBACK);
        try {
            // 150 connections complete their handshakes in the kernel before the reactor runs, so the
            // first readiness event finds all of them queued.
            for (int i = 0; i < 150; i++) {
                clients.add(new Socket(InetAddress.getByName(LOOPBACK), portOf(port[0])));
            }
            builder.needsRunningReactor(reactor, () -> reactor.callLater(0.2, () -> {
                for (Protocol p : served) {
                    p.transport.loseConnection();
                }
                port[0].stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }));
            builder.runReactor(reactor, TIMEOUT);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
        assertEquals(150, limitSeen.size());
        assertEquals(100, limitSeen.stream().filter(n -> n == 100).count(), "the first batch accepts 100");
        assertEquals(50, limitSeen.stream().filter(n -> n == 120).count(), "it filled: the next batch may take 120");
        assertEquals(50, port[0].numberAccepts(), "the second took 50, so the limit shrinks to 50 (test_acceptScaling)");
        assertFalse(limitSeen.subList(0, 100).contains(120));
    }

    @ReactorTest
    void listeningOnAHostNameInterfaceWorks(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(Protocol::new), 50, "localhost");
        assertTrue(port.getHost().host().equals("127.0.0.1") || port.getHost().host().equals("::1"),
                port.getHost().toString());
        builder.needsRunningReactor(reactor, () -> port.stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        builder.runReactor(reactor, TIMEOUT);
    }
}
