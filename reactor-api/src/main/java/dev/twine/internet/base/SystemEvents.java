package dev.twine.internet.base;

import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.IReactorCore.TriggerId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The reactor's system events by type: Twisted's {@code ReactorBase._eventTriggers} with
 * {@code addSystemEventTrigger}, {@code removeSystemEventTrigger} and {@code fireSystemEvent}
 * ({@code base.py:863-891}). Each type has its own {@link ThreePhaseEvent}, created on first use.
 *
 * <p>Reactor thread only.
 */
final class SystemEvents {
    private final Map<String, ThreePhaseEvent> events = new HashMap<>();

    /** Registers {@code call} to run in {@code phase} of {@code eventType}; FIFO within a phase. */
    TriggerId add(Phase phase, String eventType, Callable<?> call) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(call, "trigger");
        ThreePhaseEvent.Trigger t = new ThreePhaseEvent.Trigger(this, eventType, phase, call);
        events.computeIfAbsent(eventType, ThreePhaseEvent::new).add(t);
        return t;
    }

    /**
     * Removes a trigger that has not run yet.
     *
     * @throws IllegalArgumentException for an id this reactor did not issue, or one that already ran or
     *                                  was removed
     */
    void remove(TriggerId id) {
        if (!(id instanceof ThreePhaseEvent.Trigger t) || t.owner != this) {
            throw new IllegalArgumentException("not a trigger of this reactor: " + id);
        }
        ThreePhaseEvent event = events.get(t.eventType);
        if (event == null) {
            throw new IllegalArgumentException("no such trigger: " + id);
        }
        event.remove(t);
    }

    /** Fires {@code eventType}: see {@link ThreePhaseEvent#fire()}. An unknown type has no triggers. */
    void fire(String eventType) {
        ThreePhaseEvent event = events.get(eventType);
        if (event != null) {
            event.fire();
        }
    }
}
