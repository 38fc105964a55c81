package dev.twine.internet.group;

import java.util.List;

/**
 * One stalled loop pass, as the {@link StallDetector} saw it (semantics.md §5.4).
 *
 * @param reactor   the reactor's name, e.g. {@code twine-reactor-3}
 * @param thread    the name of the reactor's thread
 * @param callback  the user callback holding the loop, as {@code class.method} (the outermost frame above the
 *                  reactor's own machinery), or the top frame if the stall is inside Twine itself
 * @param logPrefix the {@code logPrefix()} of the descriptor being dispatched (for a connection, its
 *                  protocol's prefix, session and peer), or {@code "-"} for a timer or thread call
 * @param heldNanos how long the pass had run when the detector saw it
 * @param stack     the reactor thread's stack at the moment of detection, innermost frame first
 */
public record StallReport(String reactor, String thread, String callback, String logPrefix, long heldNanos,
        List<StackTraceElement> stack) {

    /** The one log line: names the callback, the prefix, the reactor and the time, then the stack. */
    public String message() {
        StringBuilder b = new StringBuilder();
        b.append("Reactor ").append(reactor).append(" (thread ").append(thread).append(") blocked for ")
                .append(heldNanos / 1_000_000).append(" ms in ").append(callback).append(" [").append(logPrefix)
                .append("]; stack at detection:");
        for (StackTraceElement e : stack) {
            b.append(System.lineSeparator()).append("\tat ").append(e);
        }
        return b.toString();
    }
}
