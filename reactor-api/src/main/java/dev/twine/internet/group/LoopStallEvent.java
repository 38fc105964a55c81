package dev.twine.internet.group;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * JFR event {@code dev.twine.LoopStall}: a loop pass overran the stall threshold. Recorded by the stall
 * detector's watchdog at the moment it detects the overrun, so its timestamp is the detection time and
 * {@code held} how long the pass had run by then. Loaded only through {@link JfrEvents}.
 */
@Name("dev.twine.LoopStall")
@Label("Reactor Loop Stall")
@Category({"Twine", "Reactor"})
@Description("A callback held a reactor's loop longer than the stall threshold")
final class LoopStallEvent extends Event {
    @Label("Reactor")
    String reactor;

    @Label("Callback")
    String callback;

    @Label("Log Prefix")
    String logPrefix;

    @Label("Held")
    @Timespan(Timespan.NANOSECONDS)
    long held;

    static void commit(StallReport r) {
        LoopStallEvent e = new LoopStallEvent();
        if (e.isEnabled()) {
            e.reactor = r.reactor();
            e.callback = r.callback();
            e.logPrefix = r.logPrefix();
            e.held = r.heldNanos();
            e.commit();
        }
    }
}
