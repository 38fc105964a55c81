package dev.twine.internet.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.IHalfCloseableDescriptor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Main;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionFdescWentAway;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketError;
import dev.twine.spi.SocketProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Dispatch rules and poller traffic of {@link DescriptorSet} and {@link Dispatcher}, driven directly:
 * readiness bit combinations a real socket cannot be made to produce on demand (a hang-up without READ,
 * a handle closed while registered), and the exact interest changes the poller is asked for. The
 * conformance suite checks the same rules end to end over real sockets where they can be provoked.
 */
class DescriptorSetTest {
    private final RecordingPoller poller = new RecordingPoller();
    private final DescriptorSet<Handle> set = new DescriptorSet<>(
            new TestBackend("test", 0, Optional.empty(), Handle.class, poller, null), poller);

    /** Reports readiness for {@code h} as the poller would: under the token it was registered with. */
    private void ready(Handle h, int ops) {
        set.sink().ready(poller.tokenOf(h), ops, null);
    }

    @Test
    void writeThatDrainsAtOnceNeverReachesThePoller() {
        Handle h = new Handle();
        Probe d = new Probe(h);
        d.onWrite = () -> {
            set.removeWriter(d);
            return null;
        };
        set.addWriter(d);
        set.beforeWait();
        assertEquals(List.of("write"), d.events);
        assertEquals(List.of(), poller.calls);
    }

    @Test
    void writerStillRegisteredAfterItsOptimisticWriteGetsWriteInterest() {
        Handle h = new Handle();
        Probe d = new Probe(h);
        set.addReader(d);
        set.addWriter(d);
        set.beforeWait();
        assertEquals(List.of("write"), d.events);
        assertEquals(List.of("h=READ|WRITE"), poller.calls);
    }

    @Test
    void addThenRemoveWithinOneIterationCostsNoPollerCall() {
        Handle h = new Handle();
        Probe d = new Probe(h);
        set.addReader(d);
        set.addWriter(d);
        set.removeWriter(d);
        set.beforeWait();
        assertEquals(List.of("h=READ"), poller.calls);
        set.removeWriter(d);
        set.addWriter(d);
        d.onWrite = () -> {
            set.removeWriter(d);
            return null;
        };
        set.beforeWait();
        assertEquals(List.of("h=READ"), poller.calls, "a drained write leaves the interest as it was");
    }

    @Test
    void removingTheLastDirectionDeregistersAtOnce() {
        Handle h = new Handle();
        Probe d = new Probe(h);
        set.addReader(d);
        set.beforeWait();
        set.removeReader(d);
        assertEquals(List.of("h=READ", "h=0"), poller.calls, "before removeReader returns");
    }

    @Test
    void hangUpWithoutReadGivesAReaderConnectionDone() {
        Probe d = registeredReader();
        ready(d.handle, Poller.HANGUP);
        assertEquals(List.of("lost:ConnectionDone"), d.events);
        assertEquals(List.of(), set.getReaders());
    }

    @Test
    void hangUpWithoutReadGivesAHalfCloseableReaderReadConnectionLostAndKeepsItAsAWriter() {
        HalfCloseableProbe d = registered(new HalfCloseableProbe(new Handle()), true, true);
        ready(d.handle, Poller.HANGUP | Poller.ERROR);
        assertEquals(List.of("readConnectionLost:ConnectionDone"), d.events);
        assertEquals(List.of(), set.getReaders());
        assertEquals(List.of(d), set.getWriters());
    }

    @Test
    void errorOnAWriterOnlyHandleGivesConnectionLost() {
        Probe d = registered(new Probe(new Handle()), false, true);
        ready(d.handle, Poller.WRITE | Poller.ERROR);
        assertEquals(List.of("lost:ConnectionLost"), d.events);
        assertEquals(List.of(), set.getWriters());
    }

    @Test
    void hangUpTogetherWithReadIsAReadFirst() {
        Probe d = registeredReader();
        d.onRead = () -> Main.CONNECTION_DONE;
        ready(d.handle, Poller.READ | Poller.HANGUP | Poller.READ_HANGUP);
        assertEquals(List.of("read", "lost:ConnectionDone"), d.events);
    }

    @Test
    void handleClosedWhileRegisteredGivesConnectionFdescWentAway() {
        Probe d = registeredReader();
        d.handle.open = false;
        ready(d.handle, Poller.READ);
        assertEquals(List.of("lost:ConnectionFdescWentAway"), d.events);
        assertTrue(d.lost.get(0).value() instanceof ConnectionFdescWentAway);
    }

    @Test
    void readReasonSkipsTheWriteAndReadThatRemovesTheWriterSkipsItToo() {
        Probe d = registered(new Probe(new Handle()), true, true);
        Handle h = d.handle;
        d.onRead = () -> {
            set.removeWriter(d);
            return null;
        };
        ready(h, Poller.READ | Poller.WRITE);
        assertEquals(List.of("read"), d.events);

        set.addWriter(d);
        set.beforeWait();
        d.events.clear();
        d.onRead = () -> Main.CONNECTION_LOST;
        ready(h, Poller.READ | Poller.WRITE);
        assertEquals(List.of("read", "lost:ConnectionLost"), d.events);
    }

    @Test
    void exceptionFromDoWriteBecomesTheReasonAndIsLogged() {
        Handle h = new Handle();
        Probe d = new Probe(h);
        IllegalStateException boom = new IllegalStateException("doWrite boom");
        d.onWrite = () -> {
            throw boom;
        };
        set.addWriter(d);
        set.beforeWait();
        assertEquals(List.of("write", "lost:IllegalStateException"), d.events);
        assertSame(boom, d.lost.get(0).value());
        assertEquals(List.of(), poller.calls, "it never got as far as the poller");
    }

    @Test
    void eventForAHandleRemovedEarlierInTheBatchIsSkipped() {
        Probe d = registeredReader();
        set.removeReader(d);
        ready(d.handle, Poller.READ);
        assertEquals(List.of(), d.events);
    }

    @Test
    void connectionDoneSubclassIsNotAHalfClose() {
        Handle h = new Handle();
        HalfCloseableProbe d = registered(new HalfCloseableProbe(h), true, false);
        d.onRead = () -> new ConnectionDone("a subclass would not be exact") { };
        ready(h, Poller.READ);
        assertEquals(1, d.lost.size(), d.events.toString());
    }

    @Test
    void dispatchAndTheOptimisticWriteAllocateNothingPerEvent() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Handle h = new Handle();
        Probe d = new Probe(h);
        Supplier<Exception> none = () -> null;
        Supplier<Exception> drain = () -> {
            set.removeWriter(d);
            return null;
        };
        d.onRead = none;
        d.onWrite = drain;
        set.addReader(d);
        set.beforeWait();
        Poller.ReadySink sink = set.sink();
        long token = poller.tokenOf(h);
        Runnable events = () -> {
            for (int i = 0; i < 100_000; i++) {
                sink.ready(token, Poller.READ, null);
                set.addWriter(d); // a write that drains at once, as a transport's write() would cause
                set.beforeWait();
            }
        };
        d.events.clear();
        events.run(); // warm up: the JIT compiles the path, collections reach their steady size
        d.recordEvents = false;
        events.run();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        events.run();
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 200,000 dispatches: anything allocated per event would show up as megabytes.
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void anErrorDeliveredWithTheEventLosesTheConnectionAtOnceNamingIt() {
        Probe d = registeredReader();
        d.onRead = () -> Main.CONNECTION_DONE;
        set.sink().ready(poller.tokenOf(d.handle),
                Poller.READ | Poller.READ_HANGUP | Poller.HANGUP | Poller.ERROR, SocketError.ECONNRESET);
        assertEquals(List.of("lost:ConnectionLost"), d.events, "no read: the OS may already have cleared the error");
        assertTrue(d.lost.get(0).getErrorMessage().contains("ECONNRESET"), d.lost.get(0).getErrorMessage());
    }

    @Test
    void aStaleTokenFromAnEarlierOccupantOfTheSlotIsDropped() {
        Probe first = registeredReader();
        long stale = poller.tokenOf(first.handle);
        set.removeReader(first);
        Probe second = registeredReader();
        assertTrue(poller.tokenOf(second.handle) != stale, "the reused slot has a new generation");
        set.sink().ready(stale, Poller.READ, null);
        assertEquals(List.of(), first.events);
        assertEquals(List.of(), second.events, "an event fetched for the old registration is not the new one's");
        ready(second.handle, Poller.READ);
        assertEquals(List.of("read"), second.events);
    }

    @Test
    void readyBitsAreMaskedWithTheInterestWantedWhenDispatched() {
        Probe d = registered(new Probe(new Handle()), true, true);
        Handle h = d.handle;
        set.removeWriter(d); // say, by an earlier callback of the same batch
        ready(h, Poller.READ | Poller.WRITE);
        assertEquals(List.of("read"), d.events);
        ready(h, Poller.WRITE);
        assertEquals(List.of("read"), d.events, "a report for no wanted direction dispatches nothing");
    }

    @Test
    void aHandleOfAnotherBackendIsRefusedNamingTheBackend() {
        SelectableHandle foreign = new SelectableHandle() {
            @Override
            public int fileno() {
                return -1;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        Probe d = new Probe(new Handle()) {
            @Override
            public SelectableHandle handle() {
                return foreign;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.addReader(d));
        assertTrue(e.getMessage().contains("test backend"), e.getMessage());
        assertEquals(List.of(), set.getReaders());
    }

    @Test
    void aHandleRegisteredAgainAfterRemovalGetsAFreshRecordAndToken() {
        Handle h = new Handle();
        Probe first = new Probe(h);
        set.addReader(first);
        set.beforeWait();
        long before = poller.tokenOf(h);
        set.removeReader(first);
        Probe second = new Probe(h);
        set.addReader(second);
        set.beforeWait();
        assertTrue(poller.tokenOf(h) != before, "a new generation, not the released record");
        set.sink().ready(before, Poller.READ, null);
        assertEquals(List.of(), second.events, "the old token is stale");
        ready(h, Poller.READ);
        assertEquals(List.of("read"), second.events);
        assertEquals(List.of(), first.events);
    }

    @Test
    void slotsAreReusedSoChurnDoesNotGrowTheSet() {
        for (int i = 0; i < 1000; i++) {
            Probe d = registeredReader();
            set.removeReader(d);
        }
        Probe last = registeredReader();
        assertEquals(0, Registration.slotOf(poller.tokenOf(last.handle)), "one slot served every registration");
    }

    private Probe registeredReader() {
        return registered(new Probe(new Handle()), true, false);
    }

    /**
     * Registers {@code d} for the directions asked and runs the iteration's set-up, so the poller has its
     * interest. A writer's optimistic first write finds nothing to write and stays registered; the events
     * that set-up caused are cleared, so the test sees only its own.
     */
    private <P extends Probe> P registered(P d, boolean reader, boolean writer) {
        if (reader) {
            set.addReader(d);
        }
        if (writer) {
            d.onWrite = () -> null;
            set.addWriter(d);
        }
        set.beforeWait();
        d.events.clear();
        return d;
    }

    /** A handle with no OS object behind it. */
    private static final class Handle implements SelectableHandle {
        boolean open = true;

        @Override
        public int fileno() {
            return -1;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public String toString() {
            return "h";
        }
    }

    /**
     * Records each registration change as {@code "h=READ|WRITE"} ({@code "h=0"} for a deregistration) and
     * the last token each handle was given; never reports readiness by itself.
     */
    private static final class RecordingPoller implements Poller<Handle> {
        final List<String> calls = new ArrayList<>();
        final java.util.Map<Handle, Long> tokens = new java.util.IdentityHashMap<>();

        long tokenOf(Handle h) {
            Long token = tokens.get(h);
            if (token == null) {
                throw new AssertionError(h + " was never registered with the poller");
            }
            return token;
        }

        private void record(Handle handle, int ops) {
            String s = ops == 0 ? "0" : ((ops & READ) != 0 ? "READ" : "") + ((ops & READ) != 0 && (ops & WRITE) != 0 ? "|" : "")
                    + ((ops & WRITE) != 0 ? "WRITE" : "");
            calls.add(handle + "=" + s);
        }

        @Override
        public void register(Handle handle, long token, int ops) {
            assertTrue(token >= 0, "tokens are never negative");
            tokens.put(handle, token);
            record(handle, ops);
        }

        @Override
        public void reregister(Handle handle, long token, int previousOps, int ops) {
            assertEquals(tokens.get(handle), token, "a registration keeps its token");
            record(handle, ops);
        }

        @Override
        public void deregister(Handle handle, int previousOps) {
            record(handle, 0);
        }

        @Override
        public int poll(long timeoutNanos, ReadySink sink) {
            return 0;
        }

        @Override
        public void wakeup() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * The backend whose handle type is {@link Handle}: {@link DescriptorSet} asks a backend only for its
     * name and handle type, and a record's accessors are all the implementation that needs.
     */
    private record TestBackend(String name, int priority, Optional<String> unavailabilityReason,
            Class<Handle> handleType, Poller<Handle> openPoller, SocketProvider sockets)
            implements ReactorBackend<Handle> {
    }

    private static class Probe implements IReadDescriptor, IWriteDescriptor {
        final Handle handle;
        final List<String> events = new ArrayList<>();
        final List<Failure> lost = new ArrayList<>();
        Supplier<Exception> onRead = () -> null;
        Supplier<Exception> onWrite = () -> null;

        Probe(Handle handle) {
            this.handle = handle;
        }

        /** Off for allocation measurements: the event list itself would allocate. */
        boolean recordEvents = true;

        @Override
        public Exception doRead() {
            if (recordEvents) {
                events.add("read");
            }
            return onRead.get();
        }

        @Override
        public Exception doWrite() {
            if (recordEvents) {
                events.add("write");
            }
            return onWrite.get();
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.add(reason);
            events.add("lost:" + reason.type().getSimpleName());
        }

        @Override
        public SelectableHandle handle() {
            return handle;
        }

        @Override
        public String logPrefix() {
            return "probe";
        }
    }

    private static final class HalfCloseableProbe extends Probe implements IHalfCloseableDescriptor {
        HalfCloseableProbe(Handle handle) {
            super(handle);
        }

        @Override
        public void readConnectionLost(Failure reason) {
            events.add("readConnectionLost:" + reason.type().getSimpleName());
        }

        @Override
        public void writeConnectionLost(Failure reason) {
            events.add("writeConnectionLost");
        }
    }
}
