package dev.twine.tck.group;

import static dev.twine.tck.group.GroupFixtures.LOOPBACK;
import static dev.twine.tck.group.GroupFixtures.PATIENCE;
import static dev.twine.tck.group.GroupFixtures.connect;
import static dev.twine.tck.group.GroupFixtures.exchange;
import static dev.twine.tck.group.GroupFixtures.stopAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.base.LoopMonitor;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The per-reactor counters (semantics.md §5.4), read from the test thread while the members run, as an
 * operator's exporter would: open connections, bytes in and out, loop passes and lag.
 */
class GroupCountersTest {
    private static final int CLIENTS = 6;
    private static final String LINE = "count me";

    @ReactorTest
    void countersAddUpOverTheMembersAndAreReadableFromAnyThread(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), 2);
        GroupPort port = group.listenTCP(0, () -> Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport.write(data);
            }
        }), 50, LOOPBACK);
        group.start();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket s = connect(port.getHost().port());
                clients.add(s);
                assertEquals(LINE, exchange(s, LINE));
            }
            long bytes = (long) CLIENTS * (LINE.length() + 1);
            // A member counts bytes written after write(2) returns, so the client can read the echo a
            // moment before the count moves: the counters are read as an exporter would, eventually.
            assertEquals(CLIENTS, awaitSum(group, LoopMonitor::connections, CLIENTS), "open connections");
            assertEquals(bytes, awaitSum(group, LoopMonitor::bytesIn, bytes), "bytes read");
            assertEquals(bytes, awaitSum(group, LoopMonitor::bytesOut, bytes), "bytes written");
            for (ReactorBase m : group.members()) {
                assertTrue(m.monitor().passes() > 0, m + " counted no loop pass");
                assertTrue(m.monitor().lagNanos() >= 0);
            }
            for (Socket s : clients) {
                s.close();
            }
            assertEquals(0, awaitSum(group, LoopMonitor::connections, 0), "connections after every client closed");
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            stopAndAwait(group);
        }
    }

    /** The counter's sum once it reaches {@code expected}, or its value when {@code PATIENCE} runs out. */
    private static long awaitSum(ReactorGroup group, ToLongFunction<LoopMonitor> counter, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long value = sum(group, counter);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
            value = sum(group, counter);
        }
        return value;
    }

    private static long sum(ReactorGroup group, ToLongFunction<LoopMonitor> counter) {
        return group.members().stream().mapToLong(m -> counter.applyAsLong(m.monitor())).sum();
    }
}
