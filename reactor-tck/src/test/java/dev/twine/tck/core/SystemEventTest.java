package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.IReactorCore.TriggerId;
import dev.twine.spi.StreamSocketHandle;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import dev.twine.testfixtures.LoopbackSockets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * System events and their three phases: Twisted's {@code ThreePhaseEventTests}, {@code SystemEventTests}
 * and the startup/shutdown order of semantics.md §1.1 and semantics.md §1.1.2.
 */
class SystemEventTest {
    private static final double TIMEOUT = 30;

    @ReactorTest
    void startupAndShutdownPhasesRunInOrderAndSeeRunningAsTwistedDoes(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            for (String type : List.of("startup", "shutdown")) {
                reactor.addSystemEventTrigger(phase, type,
                        () -> events.add(phase + "-" + type + " running=" + reactor.running()));
            }
        }
        b.needsRunningReactor(reactor, () -> {
            events.add("callWhenRunning");
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of(
                "BEFORE-startup running=false",
                "DURING-startup running=true",
                "AFTER-startup running=true",
                "callWhenRunning",
                "BEFORE-shutdown running=true",
                "DURING-shutdown running=false",
                "AFTER-shutdown running=false"), events);
    }

    @ReactorTest
    void triggersOfOnePhaseRunInRegistrationOrder(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.AFTER, "custom", () -> events.add("after-1"));
        reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> events.add("during-1"));
        reactor.addSystemEventTrigger(Phase.BEFORE, "custom", () -> events.add("before-1"));
        reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> events.add("during-2"));
        reactor.addSystemEventTrigger(Phase.BEFORE, "custom", () -> events.add("before-2"));
        reactor.addSystemEventTrigger(Phase.AFTER, "custom", () -> events.add("after-2"));
        reactor.fireSystemEvent("custom");
        assertEquals(List.of("before-1", "before-2", "during-1", "during-2", "after-1", "after-2"), events);
    }

    @ReactorTest
    void eachTriggerRunsOnceBecauseFiringConsumesIt(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        int[] calls = {0};
        reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> calls[0]++);
        reactor.fireSystemEvent("custom");
        reactor.fireSystemEvent("custom");
        assertEquals(1, calls[0]);
    }

    @ReactorTest
    void removedTriggerDoesNotRun(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        TriggerId id = reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> events.add("removed"));
        reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> events.add("kept"));
        reactor.removeSystemEventTrigger(id);
        reactor.fireSystemEvent("custom");
        assertEquals(List.of("kept"), events);
    }

    @ReactorTest
    void removingAnUnknownOrAlreadyRemovedTriggerRaises(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        TriggerId id = reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> { });
        reactor.removeSystemEventTrigger(id);
        assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(id));
        assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(new TriggerId() { }));
        IReactor other = b.buildReactor();
        TriggerId foreign = other.addSystemEventTrigger(Phase.DURING, "custom", () -> { });
        assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(foreign));
    }

    @ReactorTest
    void beforeTriggerMayRemoveADuringTriggerThatHasNotRun(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        TriggerId[] during = new TriggerId[1];
        reactor.addSystemEventTrigger(Phase.BEFORE, "custom", () -> reactor.removeSystemEventTrigger(during[0]));
        during[0] = reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> events.add("during"));
        reactor.addSystemEventTrigger(Phase.AFTER, "custom", () -> events.add("after"));
        reactor.fireSystemEvent("custom");
        assertEquals(List.of("after"), events);
    }

    @ReactorTest
    void triggerThatThrowsIsLoggedAndTheOthersStillRun(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.BEFORE, "custom", () -> {
            throw new IllegalStateException("before boom");
        });
        reactor.addSystemEventTrigger(Phase.BEFORE, "custom", () -> events.add("before"));
        reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> {
            throw new IllegalStateException("during boom");
        });
        reactor.addSystemEventTrigger(Phase.DURING, "custom", () -> events.add("during"));
        reactor.addSystemEventTrigger(Phase.AFTER, "custom", () -> events.add("after"));
        try (LogCapture logs = LogCapture.reactor()) {
            reactor.fireSystemEvent("custom");
            assertEquals(List.of("before", "during", "after"), events);
            List<String> logged = new ArrayList<>();
            for (Throwable t : logs.errors(IllegalStateException.class)) {
                logged.add(t.getMessage());
            }
            assertEquals(List.of("before boom", "during boom"), logged);
        }
    }

    @ReactorTest
    void beforeShutdownDeferredDelaysDuringAndAfterWhileTimersThreadCallsAndIOContinue(ReactorBuilder b)
            throws Exception {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        Deferred<Void> gate = new Deferred<>();
        try (var net = LoopbackSockets.over(reactor.sockets())) {
            StreamSocketHandle[] pair = net.pair();
            ProbeDescriptor reader = new ProbeDescriptor("reader", pair[1]);
            ByteBuffer buf = ByteBuffer.allocate(16);
            reader.onRead = () -> {
                buf.clear();
                if (pair[1].read(buf) > 0) {
                    events.add("I/O during shutdown");
                    reactor.removeReader(reader);
                    // The last of three things the loop had to keep doing: now let shutdown go on.
                    reactor.callLater(0, () -> {
                        events.add("gate fired");
                        gate.callback(null);
                    });
                }
                return null;
            };
            reactor.addSystemEventTrigger(Phase.BEFORE, "shutdown", () -> {
                events.add("before-shutdown");
                reactor.callLater(0, () -> {
                    events.add("timer during shutdown");
                    new Thread(() -> reactor.callFromThread(() -> {
                        events.add("thread call during shutdown");
                        reactor.addReader(reader);
                        try {
                            pair[0].write(ByteBuffer.wrap(new byte[] {42}));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })).start();
                });
                return gate;
            });
            reactor.addSystemEventTrigger(Phase.DURING, "shutdown", () -> events.add("during-shutdown"));
            reactor.addSystemEventTrigger(Phase.AFTER, "shutdown", () -> events.add("after-shutdown"));
            b.needsRunningReactor(reactor, reactor::stop);
            b.runReactor(reactor, TIMEOUT);
        }
        assertEquals(List.of("before-shutdown", "timer during shutdown", "thread call during shutdown",
                "I/O during shutdown", "gate fired", "during-shutdown", "after-shutdown"), events);
    }

    @ReactorTest
    void beforeStartupDeferredStillLetsTheLoopRunUntilItFires(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        Deferred<Void> gate = new Deferred<>();
        reactor.addSystemEventTrigger(Phase.BEFORE, "startup", () -> {
            reactor.callLater(0, () -> {
                events.add("timer before running, running=" + reactor.running());
                gate.callback(null);
            });
            return gate;
        });
        b.needsRunningReactor(reactor, () -> {
            events.add("running=" + reactor.running());
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("timer before running, running=false", "running=true"), events);
    }

    @ReactorTest
    void shutdownTriggerRegisteredBeforeRunStillRunsWhenStopIsCalledFromATimedCall(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.AFTER, "shutdown", () -> events.add("after-shutdown"));
        reactor.callLater(0.01, reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertTrue(events.contains("after-shutdown"));
    }
}
