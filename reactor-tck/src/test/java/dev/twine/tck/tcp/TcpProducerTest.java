package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPullProducer;
import dev.twine.internet.IPushProducer;
import dev.twine.internet.IReactor;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.tcp.Connection;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.util.List;

/** Producers and consumers on a TCP transport (semantics.md §1.8), with Twisted's exact thresholds. */
class TcpProducerTest {

    /** A push producer that records the transport's calls and runs a hook on resume. */
    private static final class PushRecorder implements IPushProducer {
        final Events events;
        Runnable onResume = () -> { };

        PushRecorder(Events events) {
            this.events = events;
        }

        @Override
        public void pauseProducing() {
            events.add("pause");
        }

        @Override
        public void resumeProducing() {
            events.add("resume");
            onResume.run();
        }

        @Override
        public void stopProducing() {
            events.add("stopProducing");
        }
    }

    /** A client that counts bytes and ticks when its connection ends. */
    private static final class Sink extends Protocol {
        final Events events = new Events();
        private final Countdown done;
        long received;

        Sink(Countdown done) {
            this.done = done;
        }

        @Override
        public void dataReceived(byte[] data) {
            received += data.length;
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost " + name(reason) + " after " + received);
            done.tick();
        }
    }

    /** What a test's server protocol does in connectionMade. */
    @FunctionalInterface
    private interface ServerScript {
        void connectionMade(IReactor reactor, Protocol protocol);
    }

    /** Runs a server whose protocol follows {@code script}, with a {@link Sink} as the client. */
    private static Sink serve(ReactorBuilder builder, ServerScript script, Events serverEvents) {
        IReactor reactor = builder.buildReactor();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = new Countdown(2, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                script.connectionMade(reactor, this);
            }

            @Override
            public void connectionLost(Failure reason) {
                serverEvents.add("server lost " + name(reason));
                done.tick();
            }
        }), 50, LOOPBACK);
        Sink sink = new Sink(done);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> sink));
        builder.runReactor(reactor, TIMEOUT);
        return sink;
    }

    @ReactorTest
    void aStreamingProducerIsPausedOnEveryWriteAboveSixtyFourKibibytesAndResumedOnceDrained(ReactorBuilder builder) {
        Events events = new Events();
        Sink sink = serve(builder, (reactor, p) -> {
            PushRecorder producer = new PushRecorder(events);
            p.transport.registerProducer(producer, true);
            producer.onResume = () -> {
                p.transport.unregisterProducer();
                p.transport.loseConnection();
            };
            for (int i = 1; i <= 8; i++) {
                p.transport.write(new byte[10_000]);
                events.add("wrote " + i * 10_000);
            }
        }, events);

        assertEquals(List.of("wrote 10000", "wrote 20000", "wrote 30000", "wrote 40000", "wrote 50000",
                "wrote 60000", "pause", "wrote 70000", "pause", "wrote 80000", "resume", "server lost ConnectionDone"),
                events.list(), "Experiment E4: the pause comes with the write that passes 65,536 bytes");
        assertEquals(80_000, sink.received);
    }

    @ReactorTest
    void theThresholdIsStrictlyGreaterThanSixtyFourKibibytes(ReactorBuilder builder) {
        Events events = new Events();
        serve(builder, (reactor, p) -> {
            PushRecorder producer = new PushRecorder(events);
            p.transport.registerProducer(producer, true);
            producer.onResume = () -> {
                p.transport.unregisterProducer();
                p.transport.loseConnection();
            };
            p.transport.write(new byte[65_536]);
            events.add("65536 buffered");
            p.transport.write(new byte[1]);
            events.add("65537 buffered");
        }, events);
        assertEquals(List.of("65536 buffered", "pause", "65537 buffered", "resume", "server lost ConnectionDone"),
                events.list());
    }

    @ReactorTest
    void aProducerThatRefillsTheBufferInResumeIsPausedAgain(ReactorBuilder builder) {
        Events events = new Events();
        Sink sink = serve(builder, (reactor, p) -> {
            PushRecorder producer = new PushRecorder(events);
            int[] resumes = {0};
            producer.onResume = () -> {
                if (++resumes[0] < 3) {
                    p.transport.write(new byte[70_000]);
                } else {
                    p.transport.unregisterProducer();
                    p.transport.loseConnection();
                }
            };
            p.transport.registerProducer(producer, true);
            p.transport.write(new byte[70_000]);
        }, events);
        assertEquals(List.of("pause", "resume", "pause", "resume", "pause", "resume", "server lost ConnectionDone"),
                events.list(), "test_reentrantStreamingProducerUsingWrite");
        assertEquals(210_000, sink.received);
    }

    @ReactorTest
    void aPullProducerIsResumedAtRegistrationAndOnEveryDrainAndNeverPaused(ReactorBuilder builder) {
        Events events = new Events();
        Sink sink = serve(builder, (reactor, p) -> {
            // It could be paused (it has pauseProducing) but, registered as a pull producer, never is.
            IPushProducer producer = new IPushProducer() {
                int resumes;

                @Override
                public void pauseProducing() {
                    events.add("pause");
                }

                @Override
                public void resumeProducing() {
                    events.add("resume " + ++resumes);
                    if (resumes <= 5) {
                        p.transport.write(new byte[100_000]);
                    } else {
                        p.transport.unregisterProducer();
                        p.transport.loseConnection();
                    }
                }

                @Override
                public void stopProducing() {
                    events.add("stopProducing");
                }
            };
            p.transport.registerProducer(producer, false);
            events.add("registered");
        }, events);
        assertEquals(List.of("resume 1", "registered", "resume 2", "resume 3", "resume 4", "resume 5", "resume 6",
                "server lost ConnectionDone"), events.list());
        assertEquals(500_000, sink.received);
    }

    @ReactorTest
    void registeringASecondProducerFailsAndARegisteredOneIsStoppedWhenTheConnectionIsLost(ReactorBuilder builder) {
        Events events = new Events();
        serve(builder, (reactor, p) -> {
            p.transport.registerProducer(new PushRecorder(events), true);
            assertThrows(IllegalStateException.class,
                    () -> p.transport.registerProducer(new PushRecorder(events), true));
            p.transport.loseConnection();
            // The streaming producer is still registered: the close waits for it (Twine's decision).
            p.transport.stopProducing();
            events.add("still connected=" + ((Connection) p.transport).isConnected());
            ((Connection) p.transport).abortConnection();
        }, events);
        assertEquals(List.of("still connected=true", "stopProducing", "server lost ConnectionAborted"), events.list());
    }

    @ReactorTest
    void aProducerRegisteredOnAClosedTransportIsStoppedAtOnce(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = new Countdown(2, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                transport.registerProducer(new PushRecorder(events), true);
                events.add("registered; has producer=" + ((Connection) transport).hasProducer());
                transport.unregisterProducer();
                events.add("writer=" + reactor.getWriters().contains(transport));
                done.tick();
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                done.tick();
            }
        }));
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("stopProducing", "registered; has producer=false", "writer=false"), events.list());
    }

    @ReactorTest
    void loseConnectionWaitsUntilAStreamingProducerIsUnregistered(ReactorBuilder builder) {
        Events events = new Events();
        Sink sink = serve(builder, (reactor, p) -> {
            PushRecorder producer = new PushRecorder(events);
            p.transport.registerProducer(producer, true);
            p.transport.write(new byte[1000]);
            p.transport.loseConnection();
            // Twisted #6461: Twisted would close as soon as the 1000 bytes are out. Twine waits.
            reactor.callLater(0.3, () -> {
                events.add("after 0.3 s: connected=" + ((Connection) p.transport).isConnected()
                        + " buffered=" + ((Connection) p.transport).bufferedBytes()
                        + " writer=" + reactor.getWriters().contains(p.transport));
                p.transport.unregisterProducer();
            });
        }, events);
        assertEquals(List.of("after 0.3 s: connected=true buffered=0 writer=false", "server lost ConnectionDone"),
                events.list(), "the producer was neither resumed nor stopped: it was unregistered");
        assertEquals(List.of("lost ConnectionDone after 1000"), sink.events.list());
    }

    @ReactorTest
    void aPausedTransportDeliversTheCloseOnlyAfterItIsResumed(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = new Countdown(2, () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        }));
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.pauseProducing();
                events.add("paused");
                reactor.callLater(0.3, () -> {
                    events.add("resumed");
                    transport.resumeProducing();
                });
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("lost " + name(reason));
                done.tick();
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                done.tick();
            }
        }));
        builder.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("paused", "resumed", "lost ConnectionDone"), events.list(),
                "test_connectionLostAfterPausedTransport");
    }

    @ReactorTest
    void resumingAClosingTransportDoesNotStartReadingAgain(ReactorBuilder builder) {
        Events events = new Events();
        serve(builder, (reactor, p) -> {
            p.transport.write(new byte[10]);
            p.transport.loseConnection();
            p.transport.resumeProducing();
            events.add("reading=" + ((Connection) p.transport).isReading());
        }, events);
        assertEquals(List.of("reading=false", "server lost ConnectionDone"), events.list(),
                "test_resumeProducingWhileDisconnecting");
    }
}
