package dev.twine.internet.tcp;

import static dev.twine.internet.tcp.ConnectionState.ABORTING;
import static dev.twine.internet.tcp.ConnectionState.CLOSED;
import static dev.twine.internet.tcp.ConnectionState.CLOSING;
import static dev.twine.internet.tcp.ConnectionState.OPEN;
import static dev.twine.internet.tcp.ConnectionState.WRITE_CLOSED;
import static dev.twine.internet.tcp.ConnectionState.WRITE_CLOSING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IPushProducer;
import dev.twine.internet.Main;
import dev.twine.internet.Protocol;
import dev.twine.internet.error.ConnectionLost;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transitions of {@link Connection}'s {@link ConnectionState} machine, one event at a time, as drawn in
 * the class comment of {@link Connection}: each test drives a connection over a real loopback socket with a
 * {@link RecordingReactor}, so {@code doWrite} runs exactly when the test says and every request to the
 * reactor is visible. The conformance suite checks the same behaviour end to end on every backend; this
 * test pins down the machine itself, including that every call the diagram does not show for a state
 * changes nothing (as Twisted's repeated and late calls do nothing, semantics.md §1.7).
 */
@Timeout(10)
class ConnectionStateMachineTest {
    private final RecordingReactor reactor = new RecordingReactor();
    private final Recorder protocol = new Recorder();
    private LoopbackPair pair;
    private Connection connection;

    @BeforeEach
    void connect() throws IOException {
        pair = new LoopbackPair(0);
        connection = new Connection(reactor.reactor, TcpContext.of(reactor.reactor), pair.writer, protocol,
                null, null, "test", null);
        // The order Port and ConnectAttempt use: reading first, then makeConnection.
        connection.startReading();
        protocol.makeConnection(connection);
        assertEquals(List.of("addReader"), reactor.takeCalls());
    }

    @AfterEach
    void close() throws IOException {
        pair.close();
    }

    // -- The transitions in the diagram --

    @Test
    void loseConnectionStopsReadingAndClosesWithConnectionDoneOnceTheBufferIsFlushed() throws IOException {
        connection.write(ascii("abc"));
        connection.loseConnection();
        assertEquals(CLOSING, connection.state());
        assertFalse(connection.isReading());
        connection.write(ascii("def"));
        assertEquals(6, connection.bufferedBytes(), "writes after loseConnection are still delivered");

        assertSame(Main.CONNECTION_DONE, connection.doWrite(), "the flush completes the close");
        assertEquals("abcdef", new String(pair.readExactly(6), StandardCharsets.US_ASCII));
        connection.connectionLost(new Failure(Main.CONNECTION_DONE));

        assertEquals(CLOSED, connection.state());
        assertEquals(List.of("connectionLost ConnectionDone"), protocol.events);
    }

    @Test
    void loseWriteConnectionShutsOnlyTheWriteSideOnceTheBufferIsFlushed() throws IOException {
        connection.write(ascii("abc"));
        connection.loseWriteConnection();
        assertEquals(WRITE_CLOSING, connection.state());
        connection.write(ascii("de"));
        assertEquals(5, connection.bufferedBytes(), "writes before the flush are still delivered");

        assertNull(connection.doWrite());
        assertEquals(WRITE_CLOSED, connection.state());
        assertEquals("abcde", new String(pair.readExactly(5), StandardCharsets.US_ASCII));
        assertEquals(-1, pair.reader.read(ByteBuffer.allocate(1)), "the peer sees our end of stream");
        assertEquals(List.of("writeConnectionLost"), protocol.events);
        assertTrue(connection.isConnected());
        assertTrue(connection.isReading(), "shutting our write side does not stop reading");
    }

    @Test
    void loseConnectionWhileTheWriteSideClosesTakesOverTheClose() {
        connection.loseWriteConnection();
        connection.loseConnection();
        assertEquals(CLOSING, connection.state());

        assertSame(Main.CONNECTION_DONE, connection.doWrite());
        assertEquals(List.of(), protocol.events, "no half-close on the way to the full close");
    }

    @Test
    void loseConnectionAfterTheWriteSideIsShutClosesAtOnceWithConnectionDone() {
        enter(WRITE_CLOSED);
        connection.loseConnection();

        assertEquals(CLOSED, connection.state());
        assertEquals(List.of("writeConnectionLost", "connectionLost ConnectionDone"), protocol.events);
        assertFalse(connection.isDisconnecting(), "this close never waited for a flush");
    }

    @Test
    void loseConnectionInsideWriteConnectionLostSeesTheWriteSideShutAndClosesAtOnce() {
        protocol.onWriteConnectionLost = () -> connection.loseConnection();
        connection.loseWriteConnection();

        assertNull(connection.doWrite());
        assertEquals(CLOSED, connection.state());
        assertEquals(List.of("writeConnectionLost", "connectionLost ConnectionDone"), protocol.events);
    }

    @ParameterizedTest
    @EnumSource(names = {"OPEN", "WRITE_CLOSING", "WRITE_CLOSED", "CLOSING"})
    void abortDiscardsTheBufferAndDeliversConnectionAbortedFromTheScheduledCall(ConnectionState from) {
        enter(from);
        connection.write(ascii("never sent"));
        reactor.takeCalls();
        connection.abortConnection();

        assertEquals(ABORTING, connection.state());
        assertEquals(0, connection.bufferedBytes());
        assertEquals(List.of("removeReader", "removeWriter", "callLater 0.0"), reactor.takeCalls());
        assertFalse(protocol.events.contains("connectionLost ConnectionAborted"), "never re-entrant");

        reactor.runScheduled();
        assertEquals(CLOSED, connection.state());
        assertEquals("connectionLost ConnectionAborted", protocol.events.get(protocol.events.size() - 1));
    }

    @ParameterizedTest
    @EnumSource(names = {"OPEN", "WRITE_CLOSING", "WRITE_CLOSED", "CLOSING", "ABORTING"})
    void connectionLostFromEveryStateClosesOnceWithTheReactorsReason(ConnectionState from) {
        enter(from);
        protocol.events.clear();
        connection.connectionLost(new Failure(new ConnectionLost("Connection lost")));
        connection.connectionLost(new Failure(Main.CONNECTION_DONE));
        reactor.runScheduled();

        assertEquals(CLOSED, connection.state());
        assertFalse(connection.isConnected());
        assertEquals(List.of("connectionLost ConnectionLost"), protocol.events);
    }

    @ParameterizedTest
    @EnumSource(names = {"WRITE_CLOSING", "CLOSING"})
    void aRegisteredProducerHoldsBackTheCloseUntilItIsUnregistered(ConnectionState closing) {
        PushProducer producer = new PushProducer();
        connection.registerProducer(producer, true);
        enter(closing);

        assertNull(connection.doWrite(), "drained, but the producer is still registered");
        assertEquals(closing, connection.state());
        reactor.takeCalls();
        connection.unregisterProducer();
        assertEquals(List.of("addWriter"), reactor.takeCalls(), "the pending close needs one more flush");

        connection.doWrite();
        assertEquals(closing == CLOSING ? CLOSING : WRITE_CLOSED, connection.state());
    }

    @ParameterizedTest
    @EnumSource(names = {"OPEN", "WRITE_CLOSED", "ABORTING", "CLOSED"})
    void unregisteringAProducerWithNoCloseWaitingAsksForNoFlush(ConnectionState state) {
        enter(state);
        connection.registerProducer(new PushProducer(), true);
        reactor.takeCalls();

        connection.unregisterProducer();
        assertEquals(List.of(), reactor.takeCalls());
    }

    @Test
    void isDisconnectingStaysTrueOnceLoseConnectionBeganAClose() {
        assertFalse(connection.isDisconnecting());
        connection.loseConnection();
        assertTrue(connection.isDisconnecting());
        connection.abortConnection();
        assertTrue(connection.isDisconnecting(), "Twisted never clears its disconnecting attribute");
        reactor.runScheduled();
        assertTrue(connection.isDisconnecting());
        assertFalse(connection.isConnected());
    }

    @Test
    void abortFromOpenIsNotDisconnecting() {
        connection.abortConnection();
        reactor.runScheduled();
        assertFalse(connection.isDisconnecting());
    }

    // -- The read side, independent of how our side closes --

    @ParameterizedTest
    @EnumSource(names = {"OPEN", "WRITE_CLOSING", "WRITE_CLOSED"})
    void resumeProducingRestartsReadingWhileOurSideStillReads(ConnectionState state) {
        enter(state);
        connection.pauseProducing();
        assertFalse(connection.isReading());
        reactor.takeCalls();

        connection.resumeProducing();
        assertTrue(connection.isReading());
        assertEquals(List.of("addReader"), reactor.takeCalls());
    }

    @Test
    void peerEndOfStreamStopsReadingForGoodAndLeavesOurSideOpen() throws IOException, InterruptedException {
        pair.reader.shutdownOutput();
        // What the reactor does: doRead reports the end of stream, then the reactor removes the reader
        // and tells the connection. The FIN may take a moment to arrive, so ask a bounded number of times.
        Exception why = connection.doRead();
        for (int i = 0; why == null && i < 500; i++) {
            Thread.sleep(10);
            why = connection.doRead();
        }
        assertSame(Main.CONNECTION_DONE, why);
        connection.readConnectionLost(new Failure(why));

        assertEquals(List.of("readConnectionLost"), protocol.events);
        assertEquals(OPEN, connection.state());
        assertFalse(connection.isReading());
        reactor.takeCalls();
        connection.resumeProducing();
        assertFalse(connection.isReading(), "nothing more will ever be read");
        assertEquals(List.of(), reactor.takeCalls());

        connection.write(ascii("still writable"));
        assertEquals(List.of("addWriter"), reactor.takeCalls());
    }

    @Test
    void peerEndOfStreamClosesAProtocolThatIsNotHalfCloseable() throws IOException {
        List<String> lost = new ArrayList<>();
        connection = new Connection(reactor.reactor, TcpContext.of(reactor.reactor), pair.writer, new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                lost.add(reason.type().getSimpleName());
            }
        }, null, null, "plain", null);

        connection.readConnectionLost(new Failure(Main.CONNECTION_DONE));
        assertEquals(CLOSED, connection.state());
        assertEquals(List.of("ConnectionDone"), lost);
    }

    // -- Every call the diagram does not show for a state changes nothing --

    /** The calls that have no transition (and no effect) in each state. */
    private static final Map<ConnectionState, List<String>> NO_OPS = Map.of(
            WRITE_CLOSING, List.of("loseWriteConnection"),
            WRITE_CLOSED, List.of("loseWriteConnection", "write", "writeSequence"),
            CLOSING, List.of("loseConnection", "loseWriteConnection", "resumeProducing"),
            ABORTING, List.of("loseConnection", "loseWriteConnection", "abortConnection", "write",
                    "writeSequence", "resumeProducing", "unregisterProducer", "doWrite"),
            CLOSED, List.of("loseConnection", "loseWriteConnection", "abortConnection", "write",
                    "writeSequence", "resumeProducing", "unregisterProducer", "connectionLost",
                    "readConnectionLost"));

    private static final Map<String, Consumer<Connection>> CALLS = Map.of(
            "loseConnection", Connection::loseConnection,
            "loseWriteConnection", Connection::loseWriteConnection,
            "abortConnection", Connection::abortConnection,
            "write", c -> c.write(ascii("dropped")),
            "writeSequence", c -> c.writeSequence(List.of(ascii("drop"), ascii("ped"))),
            "resumeProducing", Connection::resumeProducing,
            "unregisterProducer", Connection::unregisterProducer,
            "doWrite", c -> assertNull(c.doWrite()),
            "connectionLost", c -> c.connectionLost(new Failure(Main.CONNECTION_DONE)),
            "readConnectionLost", c -> c.readConnectionLost(new Failure(Main.CONNECTION_DONE)));

    @ParameterizedTest
    @EnumSource(names = {"WRITE_CLOSING", "WRITE_CLOSED", "CLOSING", "ABORTING", "CLOSED"})
    void callsWithoutATransitionInAStateChangeNothing(ConnectionState state) {
        enter(state);
        for (String call : NO_OPS.get(state)) {
            reactor.takeCalls();
            List<String> events = List.copyOf(protocol.events);
            boolean reading = connection.isReading();
            boolean disconnecting = connection.isDisconnecting();
            long buffered = connection.bufferedBytes();

            CALLS.get(call).accept(connection);

            String what = call + " in " + state;
            assertEquals(state, connection.state(), what);
            if (!call.equals("doWrite")) {
                // doWrite in ABORTING deregisters the writer, a no-op the reactor is told about.
                assertEquals(List.of(), reactor.takeCalls(), what);
            }
            assertEquals(events, protocol.events, what);
            assertEquals(reading, connection.isReading(), what);
            assertEquals(disconnecting, connection.isDisconnecting(), what);
            assertEquals(buffered, connection.bufferedBytes(), what);
        }
    }

    @Test
    void registerProducerAfterTheCloseStopsTheProducerAtOnce() {
        enter(CLOSED);
        PushProducer producer = new PushProducer();
        connection.registerProducer(producer, true);
        assertEquals(List.of("stopProducing"), producer.events);
        assertFalse(connection.hasProducer());
    }

    // -- Fixtures --

    /** Drives the fresh connection into {@code target} through the transitions of the diagram. */
    private void enter(ConnectionState target) {
        switch (target) {
            case OPEN -> {
            }
            case WRITE_CLOSING -> connection.loseWriteConnection();
            case WRITE_CLOSED -> {
                connection.loseWriteConnection();
                assertNull(connection.doWrite());
            }
            case CLOSING -> connection.loseConnection();
            case ABORTING -> connection.abortConnection();
            case CLOSED -> connection.connectionLost(new Failure(Main.CONNECTION_DONE));
        }
        assertEquals(target, connection.state(), "set-up");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A half-closeable protocol that records its callbacks. */
    private static final class Recorder extends Protocol implements IHalfCloseableProtocol {
        final List<String> events = new ArrayList<>();
        Runnable onWriteConnectionLost = () -> { };

        @Override
        public void dataReceived(byte[] data) {
            events.add("data " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void readConnectionLost() {
            events.add("readConnectionLost");
        }

        @Override
        public void writeConnectionLost() {
            events.add("writeConnectionLost");
            onWriteConnectionLost.run();
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            events.add("connectionLost " + reason.type().getSimpleName());
        }
    }

    /** A streaming producer that records what it is told. */
    private static final class PushProducer implements IPushProducer {
        final List<String> events = new ArrayList<>();

        @Override
        public void pauseProducing() {
            events.add("pauseProducing");
        }

        @Override
        public void resumeProducing() {
            events.add("resumeProducing");
        }

        @Override
        public void stopProducing() {
            events.add("stopProducing");
        }
    }
}
