package dev.twine.internet.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Deferred;
import dev.twine.internet.IReactorCore;
import dev.twine.internet.error.ReactorNotRunning;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** task.react (Twisted's {@code test_task.ReactTests}, semantics.md §3.15), on a fake reactor over a Clock. */
class ReactTest {

    /**
     * A reactor whose loop is a {@link Clock}: {@code run} runs the callWhenRunning calls, then advances
     * the clock to each next call until stopped (at most 1000 steps); {@code stop} runs the "before
     * shutdown" triggers and counts itself.
     */
    static final class ClockReactor implements IReactorCore {
        final Clock clock = new Clock();
        final List<Runnable> whenRunning = new ArrayList<>();
        final List<Callable<?>> beforeShutdown = new ArrayList<>();
        boolean running;
        boolean stopping;
        int stops;

        @Override
        public void run() {
            running = true;
            List.copyOf(whenRunning).forEach(Runnable::run);
            whenRunning.clear();
            for (int i = 0; i < 1000 && !stopping && !clock.getDelayedCalls().isEmpty(); i++) {
                clock.advance(clock.getDelayedCalls().get(0).getTime() - clock.seconds());
            }
            running = false;
        }

        @Override
        public void stop() {
            if (!running || stopping) {
                throw new ReactorNotRunning();
            }
            stops++;
            stopping = true;
            for (Callable<?> c : List.copyOf(beforeShutdown)) {
                try {
                    c.call();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }

        @Override
        public void crash() {
        }

        @Override
        public void iterate(double delay) {
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public TriggerId callWhenRunning(Runnable f) {
            if (running) {
                f.run();
            } else {
                whenRunning.add(f);
            }
            return new TriggerId() {
            };
        }

        @Override
        public TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger) {
            if (phase == Phase.BEFORE && eventType.equals("shutdown")) {
                beforeShutdown.add(trigger);
            }
            return new TriggerId() {
            };
        }

        @Override
        public TriggerId addSystemEventTrigger(Phase phase, String eventType, Runnable trigger) {
            return addSystemEventTrigger(phase, eventType, () -> {
                trigger.run();
                return null;
            });
        }

        @Override
        public void removeSystemEventTrigger(TriggerId id) {
        }

        @Override
        public void fireSystemEvent(String eventType) {
        }
    }

    private final ClockReactor reactor = new ClockReactor();

    @Test
    void runsUntilMainsDeferredFiresThenStopsOnceAndReturnsZero() {
        List<String> seen = new ArrayList<>();
        int code = Task.react(reactor, (r, argv) -> {
            seen.addAll(argv);
            return Task.deferLater(r.clock, 2);
        }, List.of("alice", "secret"));
        assertEquals(0, code);
        assertEquals(List.of("alice", "secret"), seen, "main gets the arguments");
        assertEquals(1, reactor.stops);
        assertEquals(2.0, reactor.clock.seconds(), "the reactor ran until the Deferred fired");
    }

    @Test
    void aFailureExitsWithOne() {
        int code = Task.react(reactor, (r, argv) -> Task.deferLater(r.clock, 1, () -> {
            throw new IllegalStateException("main failed");
        }), List.of());
        assertEquals(1, code);
        assertEquals(1, reactor.stops);
    }

    @Test
    void mainThrowingCountsAsItsDeferredFailing() {
        int code = Task.react(reactor, (r, argv) -> {
            throw new IllegalStateException("no");
        }, List.of());
        assertEquals(1, code);
        assertEquals(1, reactor.stops);
    }

    @Test
    void aSystemExitFailureExitsWithItsCode() {
        int code = Task.react(reactor, (r, argv) -> Deferred.fail(new SystemExit(7)), List.of());
        assertEquals(7, code);
    }

    @Test
    void aDeferredThatFiredBeforeTheReactorRanStillStopsItOnce() {
        int code = Task.react(reactor, (r, argv) -> Deferred.succeed("already"), List.of());
        assertEquals(0, code);
        assertEquals(1, reactor.stops);
        assertTrue(!reactor.running);
    }

    @Test
    void whenSomeoneElseStopsTheReactorItIsNotStoppedAgain() {
        int code = Task.react(reactor, (r, argv) -> {
            Deferred<String> d = new Deferred<>();
            r.addSystemEventTrigger(IReactorCore.Phase.BEFORE, "shutdown", () -> d.callback("shutting down"));
            r.clock.callLater(1, r::stop);
            return d;
        }, List.of());
        assertEquals(0, code);
        assertEquals(1, reactor.stops);
    }
}
