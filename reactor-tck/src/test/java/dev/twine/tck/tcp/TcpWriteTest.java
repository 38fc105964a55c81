package dev.twine.tck.tcp;

import static dev.twine.tck.tcp.TcpFixtures.LOOPBACK;
import static dev.twine.tck.tcp.TcpFixtures.TIMEOUT;
import static dev.twine.tck.tcp.TcpFixtures.name;
import static dev.twine.tck.tcp.TcpFixtures.pattern;
import static dev.twine.tck.tcp.TcpFixtures.portOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.tcp.Connection;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Buffered writes, flushing, and the writer set (semantics.md §1.7 write, writeSequence, doWrite, loseConnection). */
class TcpWriteTest {

    /** A client protocol that keeps every byte and stops the reactor (via the port) when the connection ends. */
    private static class Collector extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Events events = new Events();
        private final Runnable onLost;

        Collector(Runnable onLost) {
            this.onLost = onLost;
        }

        @Override
        public void dataReceived(byte[] data) {
            received.write(data, 0, data.length);
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost " + name(reason) + " after " + received.size());
            onLost.run();
        }
    }

    private static Runnable stopAfterClosing(IReactor reactor, IListeningPort[] port) {
        return () -> port[0].stopListening().addCallback(ignored -> {
            reactor.stop();
            return null;
        });
    }

    @ReactorTest
    void loseConnectionFlushesFourMebibytesAndLaterWritesBeforeConnectionDone(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        byte[] bulk = pattern(4 * 1024 * 1024, 1);
        byte[] tail = "written after loseConnection".getBytes(StandardCharsets.US_ASCII);
        Events server = new Events();
        IListeningPort[] port = new IListeningPort[1];
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write(bulk);
                transport.loseConnection();
                transport.write(tail);
                server.add("connected=" + ((Connection) transport).isConnected()
                        + " disconnecting=" + ((Connection) transport).isDisconnecting());
            }

            @Override
            public void connectionLost(Failure reason) {
                server.add("lost " + name(reason));
            }
        }), 50, LOOPBACK);
        // The client sends nothing: bytes left unread in a socket that closes make the kernel reset it.
        Collector client = new Collector(stopAfterClosing(reactor, port));
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client));
        builder.runReactor(reactor, TIMEOUT);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(bulk, 0, bulk.length);
        expected.write(tail, 0, tail.length);
        assertEquals(List.of("lost ConnectionDone after " + expected.size()), client.events.list());
        assertArrayEquals(expected.toByteArray(), client.received.toByteArray());
        assertEquals(List.of("connected=true disconnecting=true", "lost ConnectionDone"), server.list());
    }

    @ReactorTest
    void writeByteBufferAndWriteSequenceKeepOrderAndLeaveTheCallersBufferAlone(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        ByteBuffer direct = ByteBuffer.allocateDirect(8);
        direct.put("ABCDEFGH".getBytes(StandardCharsets.US_ASCII)).flip().position(2);
        int[] positionAfterWrite = new int[1];
        IListeningPort[] port = new IListeningPort[1];
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write("1".getBytes(StandardCharsets.US_ASCII));
                transport.write(direct);
                positionAfterWrite[0] = direct.position();
                direct.put(2, (byte) 'x'); // the transport copied: changing the buffer now changes nothing
                transport.writeSequence(List.of("2".getBytes(StandardCharsets.US_ASCII), new byte[0],
                        "345".getBytes(StandardCharsets.US_ASCII)));
                transport.write(ByteBuffer.wrap("6".getBytes(StandardCharsets.US_ASCII)));
                transport.loseConnection();
            }
        }), 50, LOOPBACK);
        Collector client = new Collector(stopAfterClosing(reactor, port));
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client));
        builder.runReactor(reactor, TIMEOUT);

        assertEquals("1CDEFGH23456", client.received.toString(StandardCharsets.US_ASCII));
        assertEquals(2, positionAfterWrite[0]);
    }

    @ReactorTest
    void aDrainedConnectionLeavesTheWriterSetAndWritesAfterTheEndAreDropped(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Events events = new Events();
        ITransport[] serverTransport = new ITransport[1];
        IListeningPort[] port = new IListeningPort[1];
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                serverTransport[0] = transport;
                transport.write(pattern(200_000, 2));
                events.add("writer after write=" + reactor.getWriters().contains(transport));
            }

            @Override
            public void connectionLost(Failure reason) {
                // Writing to a connection that is gone is silently ignored.
                transport.write("late".getBytes(StandardCharsets.US_ASCII));
                events.add("after lost: writer=" + reactor.getWriters().contains(transport)
                        + " buffered=" + ((Connection) transport).bufferedBytes());
                port[0].stopListening().addCallback(ignored -> {
                    reactor.stop();
                    return null;
                });
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Protocol() {
            int received;

            @Override
            public void dataReceived(byte[] data) {
                received += data.length;
                if (received == 200_000) {
                    // Everything arrived, so the server's buffer is empty: it must not be a writer any more.
                    reactor.callLater(0.05, () -> {
                        events.add("drained: writer=" + reactor.getWriters().contains(serverTransport[0])
                                + " buffered=" + ((Connection) serverTransport[0]).bufferedBytes());
                        transport.loseConnection();
                    });
                }
            }
        }));
        builder.runReactor(reactor, TIMEOUT);

        assertEquals(List.of("writer after write=true", "drained: writer=false buffered=0",
                "after lost: writer=false buffered=0"), events.list());
    }

    @ReactorTest
    void anEmptyWriteRegistersNothing(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        boolean[] writer = {true};
        IListeningPort[] port = new IListeningPort[1];
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write(new byte[0]);
                transport.write(ByteBuffer.allocate(0));
                transport.writeSequence(List.of());
                writer[0] = reactor.getWriters().contains(transport);
                transport.loseConnection();
            }
        }), 50, LOOPBACK);
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new Collector(stopAfterClosing(reactor, port))));
        builder.runReactor(reactor, TIMEOUT);
        assertFalse(writer[0]);
    }

    @ReactorTest
    void eachDataReceivedGetsAtMostSixtyFourKibibytesAndEveryByteArrivesInOrder(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        byte[] bulk = pattern(1024 * 1024 + 3, 3);
        int[] largest = {0};
        IListeningPort[] port = new IListeningPort[1];
        port[0] = reactor.listenTCP(0, new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write(bulk);
                transport.loseConnection();
            }
        }), 50, LOOPBACK);
        Collector client = new Collector(stopAfterClosing(reactor, port)) {
            @Override
            public void dataReceived(ByteBuffer data) {
                assertTrue(data.isReadOnly(), "protocols get a read-only view");
                largest[0] = Math.max(largest[0], data.remaining());
                super.dataReceived(data);
            }
        };
        reactor.connectTCP(LOOPBACK, portOf(port[0]), new ClientFactory(() -> client));
        builder.runReactor(reactor, TIMEOUT);

        assertArrayEquals(bulk, client.received.toByteArray());
        assertTrue(largest[0] <= 65536, "largest chunk " + largest[0]);
    }
}
