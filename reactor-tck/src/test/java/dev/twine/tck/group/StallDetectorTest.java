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
import dev.twine.internet.group.GroupPort;
import dev.twine.internet.group.ReactorGroup;
import dev.twine.internet.group.StallDetector;
import dev.twine.internet.group.StallReport;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stall detector (semantics.md §5.4) names a deliberately slow callback once: its class and method, the
 * connection's log prefix, the reactor and the stack; a callback under the threshold is not reported.
 */
class StallDetectorTest {
    private static final Duration THRESHOLD = Duration.ofMillis(100);
    /** Well past the threshold, so the watchdog (sampling every threshold / 4) sees it on a loaded machine. */
    private static final long SLOW_MILLIS = 600;

    /** Holds its reactor for {@link #SLOW_MILLIS} when told "slow", answers at once otherwise. */
    static final class SlowProtocol extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            if (data.length > 0 && data[0] == 's') {
                holdTheLoop();
            }
            transport.write("done\n".getBytes());
        }

        void holdTheLoop() {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ReactorTest
    void aSlowDataReceivedIsReportedOnceNamingItsCallbackPrefixAndReactor(ReactorBuilder b) throws Exception {
        ReactorGroup group = ReactorGroup.create(b.backend(), 2);
        List<StallReport> reports = new CopyOnWriteArrayList<>();
        GroupPort port = group.listenTCP(0, () -> Factory.forProtocol(SlowProtocol::new), 50, LOOPBACK);
        try (LogCapture log = LogCapture.of(StallDetector.class.getName())) {
            StallDetector detector = group.detectStalls(THRESHOLD, reports::add);
            group.start();
            try (Socket s = connect(port.getHost().port())) {
                assertEquals("done", exchange(s, "fast"));
                assertEquals(List.of(), reports, "a fast callback was reported");
                assertEquals("done", exchange(s, "slow"));
            } finally {
                stopAndAwait(group);
            }
            assertEquals(1, reports.size(), "one report per stalled pass: " + reports);
            StallReport r = reports.get(0);
            assertEquals(SlowProtocol.class.getName() + ".dataReceived", r.callback());
            assertTrue(r.logPrefix().startsWith(SlowProtocol.class.getSimpleName() + ",0,"), "log prefix: " + r.logPrefix());
            assertTrue(group.members().stream().anyMatch(m -> m.monitor().reactorName().equals(r.reactor())),
                    "reactor named: " + r.reactor());
            assertTrue(r.heldNanos() >= THRESHOLD.toNanos());
            assertTrue(r.stack().stream().anyMatch(e -> e.getMethodName().equals("sleep")),
                    "the stack at detection shows the sleep");
            assertEquals(1, detector.reportCount());
            assertEquals(1, log.containing("blocked for").size(), "logged once");
        }
    }
}
