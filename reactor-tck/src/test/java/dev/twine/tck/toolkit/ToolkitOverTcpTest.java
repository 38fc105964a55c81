package dev.twine.tck.toolkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientCreator;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReconnectingClientFactory;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.error.ServiceNameUnknownError;
import dev.twine.internet.task.Cooperator;
import dev.twine.internet.threads.Threads;
import dev.twine.protocols.basic.FileSender;
import dev.twine.protocols.basic.Int32StringReceiver;
import dev.twine.protocols.policies.ThrottlingFactory;
import dev.twine.protocols.policies.TimeoutFactory;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The toolkit (semantics.md chapter 3) over real loopback TCP on every backend: it is built on the public
 * interfaces only, and these tests show that holds on each reactor.
 */
class ToolkitOverTcpTest {
    private static final String LOOPBACK = "127.0.0.1";
    private static final double TIMEOUT = 60;

    /** A port nothing listens on now (bound, then closed). */
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return s.getLocalPort();
        }
    }

    private static int portOf(IListeningPort port) {
        return ((IPv4Address) port.getHost()).port();
    }

    /** Echoes every Int32 string back. */
    static final class Int32Echo extends Int32StringReceiver {
        @Override
        public void stringReceived(byte[] s) {
            sendString(s);
        }
    }

    @ReactorTest
    void int32StringsCrossLoopbackWholeWhateverTheSegmentation(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(Int32Echo::new), 50, LOOPBACK);
        List<String> sent = IntStream.range(0, 500).mapToObj(i -> "message " + i + " " + "x".repeat(i * 7)).toList();
        List<String> got = new ArrayList<>();
        ClientCreator<Int32StringReceiver> creator = new ClientCreator<>(reactor, () -> new Int32StringReceiver() {
            @Override
            public void stringReceived(byte[] s) {
                got.add(new String(s, StandardCharsets.UTF_8));
                if (got.size() == sent.size()) {
                    transport.loseConnection();
                    port.stopListening().addBoth(ignored -> {
                        reactor.stop();
                        return null;
                    });
                }
            }
        });
        creator.connectTCP(LOOPBACK, portOf(port)).addCallback(p -> {
            // All in one write: the reader sees it in whatever segments the kernel makes.
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (String s : sent) {
                byte[] body = s.getBytes(StandardCharsets.UTF_8);
                all.writeBytes(new byte[] {(byte) (body.length >>> 24), (byte) (body.length >>> 16),
                    (byte) (body.length >>> 8), (byte) body.length});
                all.writeBytes(body);
            }
            p.transport.write(all.toByteArray());
            return null;
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(sent, got);
    }

    @ReactorTest
    void fileSenderSendsAWholeFileAsAPullProducerAndFiresWithTheLastByte(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        byte[] file = new byte[FileSender.CHUNK_SIZE * 5 + 123];
        new java.util.Random(17).nextBytes(file);
        List<Object> results = new ArrayList<>();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                new FileSender().beginFileTransfer(new ByteArrayInputStream(file), transport).addBoth(last -> {
                    results.add(last);
                    transport.loseConnection();
                    return null;
                });
            }
        }), 50, LOOPBACK);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                received.writeBytes(data);
            }

            @Override
            public void connectionLost(Failure reason) {
                port.stopListening().addBoth(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        }));
        b.runReactor(reactor, TIMEOUT);
        assertArrayEquals(file, received.toByteArray());
        assertEquals(1, results.size());
        assertArrayEquals(new byte[] {file[file.length - 1]}, (byte[]) results.get(0));
    }

    @ReactorTest
    void clientCreatorFiresWithTheProtocolAfterItsConnectionMade(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort port = reactor.listenTCP(0, new ServerFactory(Protocol::new), 50, LOOPBACK);
        List<String> events = new ArrayList<>();
        ClientCreator<Protocol> creator = new ClientCreator<>(reactor, () -> new Protocol() {
            @Override
            public void connectionMade() {
                events.add("connectionMade");
            }
        });
        creator.connectTCP(LOOPBACK, portOf(port)).addCallback(p -> {
            events.add("fired connected=" + p.connected);
            p.transport.loseConnection();
            port.stopListening().addBoth(ignored -> {
                reactor.callLater(0.05, reactor::stop);
                return null;
            });
            return null;
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("connectionMade", "fired connected=true"), events);
    }

    @ReactorTest
    void reconnectingClientFactoryKeepsRetryingUntilTheServerListens(ReactorBuilder b) throws Exception {
        IReactor reactor = b.buildReactor();
        int portNumber = freePort();
        List<String> events = new ArrayList<>();
        IListeningPort[] server = new IListeningPort[1];
        ReconnectingClientFactory factory = new ReconnectingClientFactory(Protocol::new) {
            @Override
            public IProtocol buildProtocol(IAddress addr) {
                events.add("connected");
                stopTrying();
                Protocol p = new Protocol() {
                    @Override
                    public void connectionMade() {
                        transport.loseConnection();
                    }
                };
                p.factory = this;
                return p;
            }

            @Override
            public void clientConnectionFailed(IConnector connector, Failure reason) {
                events.add("failed");
                if (events.size() == 2) {
                    // Two refusals seen: start the server on the port being retried.
                    server[0] = reactor.listenTCP(portNumber, new ServerFactory(Protocol::new), 50, LOOPBACK);
                }
                super.clientConnectionFailed(connector, reason);
            }

            @Override
            public void clientConnectionLost(IConnector connector, Failure reason) {
                super.clientConnectionLost(connector, reason);
                server[0].stopListening().addBoth(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        };
        factory.initialDelay = factory.delay = 0.01;
        factory.factor = 2;
        factory.jitter = 0;
        factory.maxDelay = 0.05;
        factory.clock = reactor;
        factory.noisy = false;
        reactor.connectTCP(LOOPBACK, portNumber, factory);
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("failed", "failed", "connected"), events);
    }

    @ReactorTest
    void anUnknownServiceNameIsRefusedSynchronouslyAndLeavesNothingBehind(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        ClientFactory factory = new ClientFactory(Protocol::new);
        assertThrows(ServiceNameUnknownError.class, () -> reactor.connectTCP(LOOPBACK, "no-such-service-twine", factory));
        assertThrows(ServiceNameUnknownError.class, () -> reactor.listenTCP("no-such-service-twine", factory));
        assertEquals(0, factory.numPorts());
    }

    @ReactorTest
    void aTimeoutFactoryClosesAnIdleConnection(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort port = reactor.listenTCP(0, new TimeoutFactory(reactor, new ServerFactory(Protocol::new), 0.2), 50,
                LOOPBACK);
        double[] lostAfter = {-1};
        double start = reactor.seconds();
        reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                lostAfter[0] = reactor.seconds() - start;
                port.stopListening().addBoth(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        }));
        b.runReactor(reactor, TIMEOUT);
        assertTrue(lostAfter[0] >= 0.15, "closed by the server after its idle period, not before: " + lostAfter[0]);
    }

    @ReactorTest
    void aThrottlingFactoryRefusesConnectionsBeyondItsCount(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        IListeningPort port = reactor.listenTCP(0,
                new ThrottlingFactory(reactor, new ServerFactory(Protocol::new), 1, null, null), 50, LOOPBACK);
        List<String> events = new ArrayList<>();
        Protocol[] firstProtocol = new Protocol[1];
        ClientFactory first = new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                events.add("first connected");
                firstProtocol[0] = this;
                reactor.connectTCP(LOOPBACK, portOf(port), new ClientFactory(() -> new Protocol() {
                    @Override
                    public void connectionLost(Failure reason) {
                        // The server refused it: built no protocol and closed it at once.
                        events.add("second closed by the server");
                        firstProtocol[0].transport.loseConnection();
                    }
                }));
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("first closed");
                port.stopListening().addBoth(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        });
        reactor.connectTCP(LOOPBACK, portOf(port), first);
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("first connected", "second closed by the server", "first closed"), events);
    }

    @ReactorTest
    void deferToThreadAndBlockingCallFromThreadMeetOnTheReactorThread(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        b.needsRunningReactor(reactor, () -> Threads.deferToThread(reactor, () -> {
            // In a pool thread: ask the reactor for a value it produces a little later.
            String fromReactor = Threads.blockingCallFromThread(reactor,
                    () -> dev.twine.internet.task.Task.deferLater(reactor, 0.01, () -> "later"));
            return fromReactor + " in pool=" + !reactor.isInIOThread();
        }).addBoth(result -> {
            events.add(result + ", delivered on reactor thread=" + reactor.isInIOThread());
            reactor.stop();
            return null;
        }));
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("later in pool=true, delivered on reactor thread=true"), events);
    }

    @ReactorTest
    void aCooperativeTaskSharesTheLoopWithTimers(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        Cooperator coop = new Cooperator(reactor);
        int[] timerTicks = {0};
        int[] stepsAtFirstTick = {-1};
        long[] steps = {0};
        Iterator<Object> work = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return steps[0] < 2_000;
            }

            @Override
            public Object next() {
                long end = System.nanoTime() + 50_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return ++steps[0];
            }
        };
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (timerTicks[0]++ == 0) {
                stepsAtFirstTick[0] = (int) steps[0];
            }
        };
        b.needsRunningReactor(reactor, () -> {
            Deferred<Iterator<Object>> done = coop.coiterate(work);
            reactor.callLater(0.001, tick[0]);
            done.addBoth(r -> {
                reactor.stop();
                return null;
            });
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(2_000, steps[0]);
        assertEquals(1, timerTicks[0]);
        assertTrue(stepsAtFirstTick[0] < 2_000, "a timer ran while the 100 ms of work was still in progress (after "
                + stepsAtFirstTick[0] + " steps)");
    }
}
