package dev.twine.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IPullProducer;
import dev.twine.internet.Protocol;
import dev.twine.internet.error.ConnectionAborted;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionLost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IOPumpTest {

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }

    @Test
    void aLineReceiverEchoesThroughThePumpWithoutSockets() {
        IOPump<LineEcho, AccumulatingProtocol> pump = IOSim.connectedServerAndClient(LineEcho::new, AccumulatingProtocol::new);
        pump.client().transport.write(ascii("hello\r\nwor"));
        pump.flush();
        assertEquals("hello\r\n", pump.client().dataAsString());
        pump.client().transport.write(ascii("ld\r\n"));
        pump.flush();
        assertEquals("hello\r\nworld\r\n", pump.client().dataAsString());
    }

    @Test
    void factoriesBuildTheProtocolsWithTheOtherEndsAddress() {
        List<String> peers = new ArrayList<>();
        Factory serverFactory = new Factory() {
            @Override
            public IProtocol buildProtocol(dev.twine.internet.IAddress addr) {
                peers.add(addr.host());
                return new AccumulatingProtocol();
            }
        };
        IOPump<IProtocol, IProtocol> pump = IOSim.connectedServerAndClient(serverFactory,
                Factory.forProtocol(AccumulatingProtocol::new));
        assertEquals(List.of(IOSim.CLIENT_HOST), peers);
        assertEquals(IOSim.CLIENT_HOST, pump.serverTransport().getPeer().host());
        assertEquals(IOSim.SERVER_HOST, pump.clientTransport().getPeer().host());
    }

    @Test
    void aGreetingWrittenInConnectionMadeHasArrivedWhenConnectReturns() {
        Protocol greeter = new Protocol() {
            @Override
            public void connectionMade() {
                transport.write(ascii("220 hello\r\n"));
            }
        };
        IOPump<Protocol, AccumulatingProtocol> pump = IOSim.connect(greeter, new AccumulatingProtocol(), true);
        assertEquals("220 hello\r\n", pump.client().dataAsString());
    }

    @Test
    void nothingMovesUntilTheTestPumps() {
        IOPump<AccumulatingProtocol, AccumulatingProtocol> pump =
                IOSim.connect(new AccumulatingProtocol(), new AccumulatingProtocol(), false);
        pump.client().transport.write(ascii("x"));
        assertEquals("", pump.server().dataAsString());
        assertTrue(pump.pump());
        assertEquals("x", pump.server().dataAsString());
        assertFalse(pump.pump());
    }

    @Test
    void loseConnectionDeliversBufferedDataFirstThenBothEndsGetConnectionDone() {
        IOPump<LineEcho, AccumulatingProtocol> pump = IOSim.connectedServerAndClient(LineEcho::new, AccumulatingProtocol::new);
        pump.client().transport.write(ascii("last\r\nquit\r\n"));
        pump.flush();
        assertEquals("last\r\n", pump.client().dataAsString());
        assertEquals(1, pump.client().closed);
        assertTrue(pump.client().closedReason.value() instanceof ConnectionDone);
        assertFalse(pump.server().connected);
        assertEquals(FakeTransport.State.CLOSED, pump.serverTransport().state());
    }

    @Test
    void abortDiscardsBufferedDataAndTheOtherEndSeesConnectionLost() {
        IOPump<AccumulatingProtocol, AccumulatingProtocol> pump =
                IOSim.connectedServerAndClient(AccumulatingProtocol::new, AccumulatingProtocol::new);
        pump.server().transport.write(ascii("never sent"));
        ((FakeTransport) pump.server().transport).abortConnection();
        pump.flush();
        assertEquals("", pump.client().dataAsString());
        assertTrue(pump.server().closedReason.value() instanceof ConnectionAborted);
        assertTrue(pump.client().closedReason.value() instanceof ConnectionLost);
        assertEquals(1, pump.client().closed);
    }

    @Test
    void writesAfterTheConnectionIsGoneAreDroppedSilently() {
        IOPump<AccumulatingProtocol, AccumulatingProtocol> pump =
                IOSim.connectedServerAndClient(AccumulatingProtocol::new, AccumulatingProtocol::new);
        pump.client().transport.loseConnection();
        pump.flush();
        pump.server().transport.write(ascii("late"));
        assertFalse(pump.flush());
        assertEquals("", pump.client().dataAsString());
    }

    @Test
    void aPausedEndReceivesNothingUntilResumed() {
        IOPump<AccumulatingProtocol, AccumulatingProtocol> pump =
                IOSim.connectedServerAndClient(AccumulatingProtocol::new, AccumulatingProtocol::new);
        pump.server().transport.pauseProducing();
        pump.client().transport.write(ascii("held"));
        pump.flush();
        assertEquals("", pump.server().dataAsString());
        pump.server().transport.resumeProducing();
        pump.flush();
        assertEquals("held", pump.server().dataAsString());
    }

    @Test
    void loseConnectionWaitsUntilTheProducerIsUnregistered() {
        IOPump<AccumulatingProtocol, AccumulatingProtocol> pump =
                IOSim.connectedServerAndClient(AccumulatingProtocol::new, AccumulatingProtocol::new);
        FakeTransport server = pump.serverTransport();
        server.registerProducer(IdleProducer.INSTANCE, true);
        server.loseConnection();
        pump.flush();
        assertEquals(0, pump.client().closed);
        server.unregisterProducer();
        pump.flush();
        assertEquals(1, pump.client().closed);
    }

    @Test
    void aPullProducerIsAskedForMoreOnEveryPump() {
        IOPump<AccumulatingProtocol, AccumulatingProtocol> pump =
                IOSim.connectedServerAndClient(AccumulatingProtocol::new, AccumulatingProtocol::new);
        FakeTransport server = pump.serverTransport();
        int[] left = {3};
        server.registerProducer(new IPullProducer() {
            @Override
            public void resumeProducing() {
                if (left[0] > 0) {
                    left[0]--;
                    server.write(ascii("chunk;"));
                } else {
                    server.unregisterProducer();
                    server.loseConnection();
                }
            }

            @Override
            public void stopProducing() {
            }
        }, false);
        pump.flush();
        assertEquals("chunk;chunk;chunk;", pump.client().dataAsString());
        assertEquals(1, pump.client().closed);
    }

    /** A half-closeable peer: it answers the EOF and then closes itself. */
    static final class HalfCloser extends AccumulatingProtocol implements IHalfCloseableProtocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void readConnectionLost() {
            events.add("readConnectionLost");
            transport.write(("got " + dataAsString()).getBytes(US_ASCII));
            transport.loseConnection();
        }

        @Override
        public void writeConnectionLost() {
            events.add("writeConnectionLost");
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("connectionLost");
            super.connectionLost(reason);
        }
    }

    @Test
    void halfCloseTellsAHalfCloseablePeerWhichCanStillAnswer() {
        IOPump<HalfCloser, HalfCloser> pump = IOSim.connectedServerAndClient(HalfCloser::new, HalfCloser::new);
        pump.client().transport.write(ascii("request"));
        pump.clientTransport().loseWriteConnection();
        pump.flush();
        assertEquals(List.of("readConnectionLost", "connectionLost"), pump.server().events);
        assertEquals(List.of("writeConnectionLost", "connectionLost"), pump.client().events);
        assertEquals("got request", pump.client().dataAsString());
    }

    @Test
    void halfCloseToAPeerThatCannotHalfCloseClosesTheConnection() {
        IOPump<AccumulatingProtocol, AccumulatingProtocol> pump =
                IOSim.connectedServerAndClient(AccumulatingProtocol::new, AccumulatingProtocol::new);
        pump.clientTransport().loseWriteConnection();
        pump.flush();
        assertEquals(1, pump.server().closed);
        assertEquals(1, pump.client().closed);
    }

    @Test
    void aPairThatTalksForeverIsReportedInsteadOfHanging() {
        Protocol pingPong = new Protocol() {
            @Override
            public void connectionMade() {
                transport.write(ascii("."));
            }

            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }
        };
        Protocol mirror = new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> IOSim.connect(pingPong, mirror, true));
        assertTrue(e.getMessage().contains("still busy"), e.getMessage());
    }
}
