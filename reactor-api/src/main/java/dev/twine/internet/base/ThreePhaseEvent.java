package dev.twine.internet.base;

import dev.twine.defer.Deferred;
import dev.twine.defer.DeferredList;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.IReactorCore.TriggerId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The triggers of one system event type ("startup", "shutdown" or a user's), in three phases: Twisted's
 * {@code _ThreePhaseEvent} ({@code base.py:383-530}, semantics.md §1.1).
 *
 * <p>Firing runs every BEFORE trigger, FIFO. A BEFORE trigger may return a {@link Deferred}; DURING and
 * AFTER triggers then run only once every such Deferred has fired, and the reactor keeps running
 * meanwhile. Each trigger is taken off its list as it runs, so it runs at most once, and a trigger may
 * remove one that has not run yet. A trigger that throws is logged and the others still run.
 *
 * <p>Reactor thread only.
 */
final class ThreePhaseEvent {

    /** A registered trigger; its identity is the {@link TriggerId} handed to the user. */
    static final class Trigger implements TriggerId {
        final SystemEvents owner;
        final String eventType;
        final Phase phase;
        final Callable<?> call;

        Trigger(SystemEvents owner, String eventType, Phase phase, Callable<?> call) {
            this.owner = owner;
            this.eventType = eventType;
            this.phase = phase;
            this.call = call;
        }

        @Override
        public String toString() {
            return "<trigger " + phase + " " + eventType + ": " + call + ">";
        }
    }

    private final String eventType;
    private final List<Trigger> before = new ArrayList<>();
    private final List<Trigger> during = new ArrayList<>();
    private final List<Trigger> after = new ArrayList<>();
    /** True from the start of a firing until its DURING phase begins. */
    private boolean firingBefore;
    /** BEFORE triggers already run in the current firing, to tell "already ran" from "unknown". */
    private final List<Trigger> finishedBefore = new ArrayList<>();

    ThreePhaseEvent(String eventType) {
        this.eventType = eventType;
    }

    void add(Trigger trigger) {
        listFor(trigger.phase).add(trigger);
    }

    /**
     * Removes a trigger that has not run. Removing a BEFORE trigger that already ran in the current
     * firing only warns, as Twisted does ({@code DeprecationWarning}).
     *
     * @throws IllegalArgumentException if it is not registered (it ran, or was removed)
     */
    void remove(Trigger trigger) {
        if (firingBefore && trigger.phase == Phase.BEFORE && containsIdentical(finishedBefore, trigger)) {
            ReactorLog.warning("Removing already-fired system event triggers will raise an exception in a "
                    + "future version of Twisted; removed " + trigger);
            return;
        }
        if (!removeIdentical(listFor(trigger.phase), trigger)) {
            throw new IllegalArgumentException("no such trigger (already run or removed): " + trigger);
        }
    }

    /** Runs the BEFORE triggers, then DURING and AFTER once every Deferred they returned has fired. */
    void fire() {
        firingBefore = true;
        finishedBefore.clear();
        List<Deferred<?>> waitFor = new ArrayList<>();
        while (!before.isEmpty()) {
            Trigger t = before.remove(0);
            finishedBefore.add(t);
            try {
                Object result = t.call.call();
                if (result instanceof Deferred<?> d) {
                    waitFor.add(d);
                }
            } catch (Throwable e) {
                ReactorLog.error("Unhandled error in before-" + eventType + " trigger " + t, e);
            }
        }
        if (waitFor.isEmpty()) {
            continueFiring();
            return;
        }
        // Twisted's DeferredList(beforeResults).addCallback(_continueFiring): DURING and AFTER run once
        // every Deferred has fired, whatever its outcome. The list does not consume errors, so a failure
        // stays with its Deferred, to be handled or reported there.
        DeferredList.of(waitFor).addCallback(outcomes -> {
            continueFiring();
            return null;
        });
    }

    private void continueFiring() {
        firingBefore = false;
        finishedBefore.clear();
        runAll(during, "during");
        runAll(after, "after");
    }

    private void runAll(List<Trigger> phase, String phaseName) {
        while (!phase.isEmpty()) {
            Trigger t = phase.remove(0);
            try {
                t.call.call();
            } catch (Throwable e) {
                ReactorLog.error("Unhandled error in " + phaseName + "-" + eventType + " trigger " + t, e);
            }
        }
    }

    private List<Trigger> listFor(Phase phase) {
        switch (phase) {
            case BEFORE:
                return before;
            case DURING:
                return during;
            case AFTER:
                return after;
            default:
                throw new IllegalArgumentException("unknown phase " + phase);
        }
    }

    private static boolean containsIdentical(List<Trigger> list, Trigger t) {
        for (Trigger x : list) {
            if (x == t) {
                return true;
            }
        }
        return false;
    }

    private static boolean removeIdentical(List<Trigger> list, Trigger t) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == t) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }
}
