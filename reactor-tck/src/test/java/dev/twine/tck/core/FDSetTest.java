package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IHalfCloseableDescriptor;
import dev.twine.internet.IReactor;
import dev.twine.internet.Main;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.StreamSocketHandle;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import dev.twine.testfixtures.LoopbackSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Registering descriptors and dispatching readiness to them (Twisted's {@code IReactorFDSet} and
 * {@code _doReadOrWrite}, semantics.md §1.4), with real loopback sockets of each backend.
 */
class FDSetTest {
    private static final double TIMEOUT = 30;

    @ReactorTest
    void addingTwiceRegistersOnceAndRemovingTwiceIsHarmless(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            ProbeDescriptor d = new ProbeDescriptor("d", pair[0]);
            reactor.addReader(d);
            reactor.addReader(d);
            reactor.addWriter(d);
            reactor.addWriter(d);
            assertEquals(List.of(d), reactor.getReaders());
            assertEquals(List.of(d), reactor.getWriters());
            reactor.removeReader(d);
            reactor.removeReader(d);
            reactor.removeWriter(d);
            reactor.removeWriter(d);
            assertEquals(List.of(), reactor.getReaders());
            assertEquals(List.of(), reactor.getWriters());
        }
    }

    @ReactorTest
    void getReadersAndGetWritersReflectAddAndRemoveExactly(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] one = net.pair();
            ProbeDescriptor a = new ProbeDescriptor("a", one[0]);
            ProbeDescriptor c = new ProbeDescriptor("c", one[1]);
            ProbeDescriptor w = new ProbeDescriptor("w", net.pair()[0]);
            reactor.addReader(a);
            reactor.addReader(c);
            reactor.addWriter(w);
            assertEquals(new HashSet<>(List.of(a, c)), new HashSet<>(reactor.getReaders()));
            assertEquals(List.of(w), reactor.getWriters());
            reactor.removeReader(a);
            assertEquals(List.of(c), reactor.getReaders());
            reactor.addWriter(c);
            assertEquals(new HashSet<>(List.of(w, c)), new HashSet<>(reactor.getWriters()));
            reactor.removeWriter(w);
            reactor.removeWriter(c);
            reactor.removeReader(c);
            assertEquals(List.of(), reactor.getReaders());
            assertEquals(List.of(), reactor.getWriters());
        }
    }

    @ReactorTest
    void removingWhatIsNotRegisteredIsASilentNoOp(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            ProbeDescriptor never = new ProbeDescriptor("never", pair[0]);
            ProbeDescriptor reader = new ProbeDescriptor("reader", pair[1]);
            reactor.removeReader(never);
            reactor.removeWriter(never);
            reactor.addReader(reader);
            reactor.removeWriter(reader); // a reader, not a writer
            assertEquals(List.of(reader), reactor.getReaders());
            reactor.removeReader(reader);
        }
    }

    @ReactorTest
    void removeAllReturnsEachDescriptorOnceAndEmptiesBothSets(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] one = net.pair();
            ProbeDescriptor both = new ProbeDescriptor("both", one[0]);
            ProbeDescriptor reader = new ProbeDescriptor("reader", one[1]);
            ProbeDescriptor writer = new ProbeDescriptor("writer", net.pair()[0]);
            reactor.addReader(both);
            reactor.addWriter(both);
            reactor.addReader(reader);
            reactor.addWriter(writer);
            List<IFileDescriptor> removed = reactor.removeAll();
            assertEquals(3, removed.size(), removed.toString());
            assertEquals(new HashSet<>(List.of(both, reader, writer)), new HashSet<>(removed));
            assertEquals(List.of(), reactor.getReaders());
            assertEquals(List.of(), reactor.getWriters());
            assertEquals(List.of(), reactor.removeAll());
        }
    }

    @ReactorTest
    void stopGivesEveryRegisteredDescriptorConnectionLostEvenIfOneThrows(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets());
             LogCapture logs = LogCapture.reactor()) {
            StreamSocketHandle[] one = net.pair();
            StreamSocketHandle[] two = net.pair();
            List<ProbeDescriptor> all = new ArrayList<>();
            ProbeDescriptor thrower = new ProbeDescriptor("thrower", one[0]) {
                @Override
                public void connectionLost(Failure reason) {
                    super.connectionLost(reason);
                    throw new IllegalStateException("connectionLost boom");
                }
            };
            all.add(thrower);
            all.add(new ProbeDescriptor("reader", one[1]));
            all.add(new ProbeDescriptor("reader2", two[0]));
            for (ProbeDescriptor d : all) {
                reactor.addReader(d);
            }
            b.needsRunningReactor(reactor, reactor::stop);
            b.runReactor(reactor, TIMEOUT);
            for (ProbeDescriptor d : all) {
                assertEquals(1, d.lost.size(), d + " " + d.lost);
                assertSame(ConnectionLost.class, d.lost.get(0).type(), d.toString());
            }
            assertEquals(1, logs.errors(IllegalStateException.class).size());
            assertEquals(List.of(), reactor.getReaders());
        }
    }

    @ReactorTest
    void writerWithNothingToWriteThatRemovesItselfIsNotCalledAgain(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            ProbeDescriptor writer = new ProbeDescriptor("writer", pair[0]);
            writer.onWrite = () -> {
                reactor.removeWriter(writer);
                return null;
            };
            reactor.addWriter(writer);
            reactor.callLater(0.2, reactor::stop);
            b.runReactor(reactor, TIMEOUT);
            assertEquals(1, writer.writes);
        }
    }

    @ReactorTest
    void writerThatStaysRegisteredIsCalledAgainWhileTheSocketIsWritable(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            ProbeDescriptor writer = new ProbeDescriptor("writer", pair[0]);
            writer.onWrite = () -> {
                if (writer.writes == 5) {
                    reactor.removeWriter(writer);
                    reactor.stop();
                }
                return null;
            };
            reactor.addWriter(writer);
            b.runReactor(reactor, TIMEOUT);
            assertEquals(5, writer.writes);
        }
    }

    @ReactorTest
    void readerIsCalledAgainWhileDataRemains(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            pair[0].write(ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII)));
            ProbeDescriptor reader = new ProbeDescriptor("reader", pair[1]);
            StringBuilder got = new StringBuilder();
            ByteBuffer one = ByteBuffer.allocate(1);
            reader.onRead = () -> {
                one.clear();
                // One byte per call: level-triggered readiness must bring it back for the rest.
                if (pair[1].read(one) == 1) {
                    got.append((char) one.get(0));
                }
                if (got.length() == 10) {
                    reactor.removeReader(reader);
                    reactor.stop();
                }
                return null;
            };
            reactor.addReader(reader);
            b.runReactor(reactor, TIMEOUT);
            assertEquals("0123456789", got.toString());
        }
    }

    @ReactorTest
    void peerCloseGivesTheReaderConnectionDoneAndRemovesIt(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            ProbeDescriptor reader = drainingReader(reactor, "reader", pair[1]);
            reactor.addReader(reader);
            pair[0].close();
            b.runReactor(reactor, TIMEOUT);
            assertEquals(1, reader.lost.size());
            assertSame(ConnectionDone.class, reader.lost.get(0).type());
            assertEquals(List.of(), reactor.getReaders());
        }
    }

    @ReactorTest
    void peerResetGivesTheReaderConnectionLost(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            ProbeDescriptor reader = drainingReader(reactor, "reader", pair[1]);
            reactor.addReader(reader);
            pair[0].abort();
            b.runReactor(reactor, TIMEOUT);
            assertEquals(1, reader.lost.size());
            assertTrue(reader.lost.get(0).value() instanceof ConnectionLost, reader.lost.toString());
            assertEquals(List.of(), reactor.getReaders());
        }
    }

    @ReactorTest
    void reasonFromDoReadMeansNoDoWriteForTheSameEvent(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            pair[0].write(ByteBuffer.wrap(new byte[] {1}));
            ProbeDescriptor d = new ProbeDescriptor("d", pair[1]);
            d.onRead = () -> Main.CONNECTION_LOST;
            d.onWrite = () -> null; // stays a writer; the socket is writable, so the poller reports it too
            d.events.clear();
            reactor.addReader(d);
            reactor.addWriter(d);
            reactor.callLater(0.2, reactor::stop);
            b.runReactor(reactor, TIMEOUT);
            // The only write is the optimistic one before the first wait; the event that carried READ and
            // WRITE together ran doRead, whose reason ended it.
            assertEquals(List.of("write", "read", "lost:ConnectionLost"), d.events);
            assertEquals(List.of(), reactor.getWriters());
        }
    }

    @ReactorTest
    void exceptionFromDoReadIsLoggedAndBecomesTheConnectionLostReason(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets());
             LogCapture logs = LogCapture.reactor()) {
            StreamSocketHandle[] pair = net.pair();
            pair[0].write(ByteBuffer.wrap(new byte[] {1}));
            ProbeDescriptor d = new ProbeDescriptor("d", pair[1]);
            IllegalStateException boom = new IllegalStateException("doRead boom");
            d.onRead = () -> {
                throw boom;
            };
            reactor.addReader(d);
            reactor.callLater(0.2, reactor::stop);
            b.runReactor(reactor, TIMEOUT);
            assertEquals(1, d.lost.size());
            assertSame(boom, d.lost.get(0).value());
            assertEquals(List.of(boom), logs.errors(IllegalStateException.class));
        }
    }

    @ReactorTest
    void halfCloseableReaderAtEndOfStreamGetsReadConnectionLostAndStaysAWriter(ReactorBuilder b) throws IOException {
        IReactor reactor = b.buildReactor();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            List<String> events = new ArrayList<>();
            HalfCloseableProbe d = new HalfCloseableProbe(pair[1], events);
            ByteBuffer buf = ByteBuffer.allocate(64);
            d.onRead = () -> {
                buf.clear();
                int n = pair[1].read(buf);
                return n < 0 ? Main.CONNECTION_DONE : null;
            };
            d.onWrite = () -> {
                if (!events.contains("readConnectionLost")) {
                    return null; // nothing to say until the peer has finished
                }
                events.add("write reply, still a writer=" + reactor.getWriters().contains(d));
                pair[1].write(ByteBuffer.wrap("bye".getBytes(StandardCharsets.US_ASCII)));
                reactor.removeWriter(d);
                reactor.stop();
                return null;
            };
            pair[0].shutdownOutput();
            reactor.addReader(d);
            reactor.addWriter(d);
            b.runReactor(reactor, TIMEOUT);
            assertEquals(List.of("readConnectionLost", "write reply, still a writer=true"), events);
            assertEquals(List.of(), d.lost, "connectionLost is not called for a half-close");
            assertEquals("bye", readAll(pair[0], 3));
        }
    }

    /** A reader that reads until the socket would block and reports end of stream and errors. */
    private static ProbeDescriptor drainingReader(IReactor reactor, String name, SelectableHandle h) {
        ProbeDescriptor d = new ProbeDescriptor(name, h) {
            @Override
            public void connectionLost(Failure reason) {
                super.connectionLost(reason);
                reactor.stop();
            }
        };
        ByteBuffer buf = ByteBuffer.allocate(4096);
        d.onRead = () -> {
            try {
                while (true) {
                    buf.clear();
                    int n = ((StreamSocketHandle) h).read(buf);
                    if (n == 0) {
                        return null;
                    }
                    if (n < 0) {
                        return Main.CONNECTION_DONE;
                    }
                }
            } catch (IOException e) {
                // SocketErrorException (ECONNRESET, ...): an unclean end.
                return Main.CONNECTION_LOST;
            }
        };
        return d;
    }

    private static String readAll(StreamSocketHandle h, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (buf.hasRemaining() && System.nanoTime() < deadline) {
            if (h.read(buf) < 0) {
                break;
            }
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
    }

    private static final class HalfCloseableProbe extends ProbeDescriptor implements IHalfCloseableDescriptor {
        private final List<String> log;

        HalfCloseableProbe(SelectableHandle h, List<String> log) {
            super("half-closeable", h);
            this.log = log;
        }

        @Override
        public void readConnectionLost(Failure reason) {
            log.add("readConnectionLost");
        }

        @Override
        public void writeConnectionLost(Failure reason) {
            log.add("writeConnectionLost");
        }
    }
}
