package dev.twine.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A poller's batch of reports: order kept, merging, draining, and no allocation once grown. */
class ReadyBatchTest {
    private final ReadyBatch batch = new ReadyBatch(2);
    private final List<String> seen = new ArrayList<>();
    private final Poller.ReadySink sink = (token, ops, error) -> seen.add(token + ":" + ops + ":" + error);

    @Test
    void reportsAreHandedOverInTheOrderAddedAndTheBatchEmpties() {
        batch.add(7, Poller.READ, null);
        batch.add(3, Poller.WRITE, SocketError.ECONNRESET);
        batch.add(9, Poller.READ | Poller.WRITE, null);
        assertEquals(3, batch.drainTo(sink));
        assertEquals(List.of("7:1:null", "3:4:ECONNRESET", "9:5:null"), seen);
        assertEquals(0, batch.size());
        assertEquals(0, batch.drainTo(sink));
    }

    @Test
    void mergingAddsBitsAndKeepsTheFirstError() {
        int i = batch.add(5, Poller.WRITE, null);
        batch.merge(i, Poller.READ | Poller.ERROR, SocketError.ECONNRESET);
        batch.merge(i, Poller.HANGUP, SocketError.EPIPE);
        batch.drainTo(sink);
        assertEquals(List.of("5:" + (Poller.WRITE | Poller.READ | Poller.ERROR | Poller.HANGUP) + ":ECONNRESET"), seen);
    }

    @Test
    void aSinkThatThrowsLeavesTheBatchEmpty() {
        batch.add(1, Poller.READ, null);
        batch.add(2, Poller.READ, null);
        assertThrows(IllegalStateException.class, () -> batch.drainTo((token, ops, error) -> {
            throw new IllegalStateException("callback failed");
        }));
        assertEquals(0, batch.size());
    }

    @Test
    void onceGrownAddingAndDrainingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Poller.ReadySink count = (token, ops, error) -> { };
        Runnable rounds = () -> {
            for (int r = 0; r < 10_000; r++) {
                for (int i = 0; i < 64; i++) {
                    batch.add(i, Poller.READ, null);
                }
                batch.drainTo(count);
            }
        };
        rounds.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        rounds.run();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes for 640,000 reports");
    }
}
