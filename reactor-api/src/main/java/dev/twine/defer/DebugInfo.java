package dev.twine.defer;

import java.lang.ref.Cleaner;

/**
 * Per-Deferred debugging and unhandled-failure state (Twisted's {@code defer.DebugInfo}, semantics.md §1.11).
 *
 * <p>A Deferred gets one only when {@linkplain Deferred#setDebugging debugging} is on (to hold the creator
 * and first-invoker stacks) or when its chain first stops with a {@link Failure}, so the success path pays
 * nothing. The object never refers back to its Deferred: it is the {@link Cleaner} action that reports
 * the failure once the Deferred is unreachable, and the entry {@link UnhandledFailures} tracks while the
 * chain ends in failure, and neither may keep the Deferred alive.
 *
 * <p>{@code failResult} is written by the Deferred's thread and read by the cleaner thread and by whoever
 * calls {@link UnhandledFailures#reportAll()}; every write happens under {@link UnhandledFailures}'s
 * lock, and the field is volatile so the common "nothing to clear" check takes no lock.
 */
final class DebugInfo implements Runnable {
    /** One daemon thread for the whole process; it only ever runs {@link #run()}. */
    private static final Cleaner CLEANER = Cleaner.create();

    /** The Deferred's class and identity, e.g. {@code Deferred@1b6d3586}; it cannot be reached later. */
    final String description;
    /** Where the Deferred was created, when debugging was on at the time. */
    StackTraceElement[] creator;
    /** Where it was first fired, when debugging was on at the time. */
    StackTraceElement[] invoker;
    volatile Failure failResult;
    private boolean cleanerRegistered;

    DebugInfo(Deferred<?> owner) {
        this.description = owner.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(owner));
    }

    /** Called when a Deferred's chain stops: tracks or clears its failure. */
    static void chainStopped(Deferred<?> d) {
        if (d.result instanceof Failure) {
            DebugInfo info = d.debugInfo;
            if (info == null) {
                info = d.debugInfo = new DebugInfo(d);
            }
            if (!info.cleanerRegistered) {
                info.cleanerRegistered = true;
                CLEANER.register(d, info);
            }
            UnhandledFailures.track(info, (Failure) d.result);
        } else {
            clearFailure(d);
        }
    }

    /** The Deferred's failure moved elsewhere or was handled. */
    static void clearFailure(Deferred<?> d) {
        DebugInfo info = d.debugInfo;
        if (info != null && info.failResult != null) {
            UnhandledFailures.untrack(info);
        }
    }

    /** The Cleaner action: the Deferred is unreachable; report its failure if it still has one. */
    @Override
    public void run() {
        UnhandledFailures.collected(this);
    }

    /** Twisted's {@code _getDebugTracebacks}: the " C:" and " I:" blocks, or an empty string. */
    String tracebacks() {
        StringBuilder sb = new StringBuilder();
        appendStack(sb, " C:", "Deferred was created:", creator);
        appendStack(sb, " I:", "First Invoker was:", invoker);
        return sb.toString();
    }

    private static void appendStack(StringBuilder sb, String prefix, String title, StackTraceElement[] stack) {
        if (stack == null) {
            return;
        }
        sb.append(prefix).append(' ').append(title).append('\n');
        for (StackTraceElement e : stack) {
            sb.append(prefix).append("\tat ").append(e).append('\n');
        }
    }

    /**
     * The current stack without the frames of Deferred's own machinery, so that the first frame is the
     * code that created or fired it.
     */
    static StackTraceElement[] callerStack() {
        StackTraceElement[] all = new Throwable().getStackTrace();
        int skip = 0;
        while (skip < all.length && isMachinery(all[skip].getClassName())) {
            skip++;
        }
        StackTraceElement[] out = new StackTraceElement[all.length - skip];
        System.arraycopy(all, skip, out, 0, out.length);
        return out;
    }

    private static boolean isMachinery(String className) {
        return className.equals(DebugInfo.class.getName()) || className.equals(Deferred.class.getName())
                || className.equals(CallbackLoop.class.getName());
    }
}
