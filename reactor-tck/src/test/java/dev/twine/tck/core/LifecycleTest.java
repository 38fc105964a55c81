package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.defer.UnhandledFailures;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.error.ReactorAlreadyRunning;
import dev.twine.internet.error.ReactorNotRestartable;
import dev.twine.internet.error.ReactorNotRunning;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import java.util.ArrayList;
import java.util.List;

/** Run, stop, crash and iterate (Twisted's {@code IReactorCore}, semantics.md §1.1 and semantics.md §1.1.1). */
class LifecycleTest {
    private static final double TIMEOUT = 30;

    @ReactorTest
    void runReturnsAfterStopIsCalledWhileRunning(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        boolean[] ran = {false};
        b.needsRunningReactor(reactor, () -> {
            ran[0] = true;
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertTrue(ran[0]);
        assertFalse(reactor.running());
    }

    @ReactorTest
    void stopBeforeRunRaisesReactorNotRunning(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        assertThrows(ReactorNotRunning.class, reactor::stop);
    }

    @ReactorTest
    void stopWhileAlreadyStoppingRaisesReactorNotRunning(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<Class<?>> raised = new ArrayList<>();
        b.needsRunningReactor(reactor, () -> {
            reactor.stop();
            try {
                reactor.stop();
            } catch (ReactorNotRunning e) {
                raised.add(e.getClass());
            }
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of(ReactorNotRunning.class), raised);
        assertThrows(ReactorNotRunning.class, reactor::stop, "stop() after run() returned");
    }

    @ReactorTest
    void runAfterStopRaisesReactorNotRestartable(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        b.needsRunningReactor(reactor, reactor::stop);
        b.runReactor(reactor, TIMEOUT);
        assertThrows(ReactorNotRestartable.class, reactor::run);
    }

    @ReactorTest
    void runWhileRunningRaisesReactorAlreadyRunning(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<Class<?>> raised = new ArrayList<>();
        b.needsRunningReactor(reactor, () -> {
            try {
                reactor.run();
            } catch (ReactorAlreadyRunning e) {
                raised.add(e.getClass());
            }
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of(ReactorAlreadyRunning.class), raised);
    }

    @ReactorTest
    void stopRunsShutdownTriggersAfterStopReturnsNotInsideIt(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.BEFORE, "shutdown", () -> events.add("before-shutdown"));
        b.needsRunningReactor(reactor, () -> {
            reactor.stop();
            events.add("stop returned");
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("stop returned", "before-shutdown"), events);
    }

    @ReactorTest
    void crashReturnsFromRunWithoutShutdownTriggersAndTheReactorCanRunAgain(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> events = new ArrayList<>();
        reactor.addSystemEventTrigger(Phase.BEFORE, "shutdown", () -> events.add("shutdown"));
        b.needsRunningReactor(reactor, () -> {
            events.add("first run");
            reactor.crash();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("first run"), events);
        assertFalse(reactor.running());

        b.needsRunningReactor(reactor, () -> {
            events.add("second run, running=" + reactor.running());
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("first run", "second run, running=true", "shutdown"), events);
    }

    @ReactorTest
    void callWhenRunningFunctionsRunInOrderBeforeCallsScheduledBeforeRun(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> order = new ArrayList<>();
        reactor.callLater(0, () -> {
            order.add("callLater(0)");
            reactor.stop();
        });
        assertTrue(reactor.callWhenRunning(() -> order.add("first")) != null, "an id while not running");
        reactor.callWhenRunning(() -> order.add("second"));
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("first", "second", "callLater(0)"), order);
    }

    @ReactorTest
    void callWhenRunningOnARunningReactorCallsAtOnceAndReturnsNull(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        List<String> order = new ArrayList<>();
        Object[] id = {"unset"};
        b.needsRunningReactor(reactor, () -> {
            id[0] = reactor.callWhenRunning(() -> order.add("inner"));
            order.add("after callWhenRunning returned");
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertEquals(List.of("inner", "after callWhenRunning returned"), order);
        assertNull(id[0]);
    }

    @ReactorTest
    void iterateRunsDueCallsAndReturnsWithoutRun(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        int[] calls = {0};
        reactor.callLater(0, () -> calls[0]++);
        for (int i = 0; i < 1_000 && calls[0] == 0; i++) {
            reactor.iterate(0.01);
        }
        assertEquals(1, calls[0]);
        reactor.iterate(0.01); // nothing scheduled, nothing registered: returns after at most the delay
        assertEquals(1, calls[0]);
        assertFalse(reactor.running());
    }

    @ReactorTest
    void iterateRejectsNegativeAndNaNDelays(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        assertThrows(IllegalArgumentException.class, () -> reactor.iterate(-1));
        assertThrows(IllegalArgumentException.class, () -> reactor.iterate(Double.NaN));
    }

    @ReactorTest
    void unhandledDeferredFailureIsReportedWhenTheReactorStops(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        UnhandledFailures.drain(); // the registry is process-wide: start from nothing
        IllegalStateException boom = new IllegalStateException("nobody handles this");
        try (LogCapture logs = LogCapture.of(UnhandledFailures.LOGGER_NAME)) {
            b.needsRunningReactor(reactor, () -> {
                Deferred<String> d = new Deferred<>();
                d.errback(boom); // and no errback: the chain ends in a failure
                reactor.stop();
            });
            b.runReactor(reactor, TIMEOUT);
            assertEquals(List.of(boom), logs.errors(), "reported by the time run() returned");
        }
        assertEquals(0, UnhandledFailures.count());
    }

    @ReactorTest
    void runningIsFalseBeforeRunTrueWhileRunningAndFalseAfter(ReactorBuilder b) {
        IReactor reactor = b.buildReactor();
        assertFalse(reactor.running());
        boolean[] seen = {false};
        b.needsRunningReactor(reactor, () -> {
            seen[0] = reactor.running();
            reactor.stop();
        });
        b.runReactor(reactor, TIMEOUT);
        assertTrue(seen[0]);
        assertFalse(reactor.running());
    }
}
