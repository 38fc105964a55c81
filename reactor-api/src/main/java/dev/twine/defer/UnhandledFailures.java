package dev.twine.defer;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The Deferreds whose callback chain currently ends in a {@link Failure} that nothing has handled, and the
 * ways of reporting them (Twine's decision on Twisted's weak spot, semantics.md §1.11 "Unhandled errors" and #5469).
 *
 * <p>Twisted logs {@code "Unhandled error in Deferred:"} only when such a Deferred is garbage-collected,
 * so the report may come late or never. Twine reports at garbage collection too (through a
 * {@link java.lang.ref.Cleaner}, logged at {@link Level#ERROR} on the {@code System.Logger} named
 * {@value #LOGGER_NAME}, full stack included) and also keeps this process-wide registry, so a failure can be
 * reported deterministically:
 * <ul>
 *   <li>a reactor calls {@link #reportAll()} when it stops, which logs and forgets every pending one;</li>
 *   <li>a test calls {@link #assertNone()} (for example in {@code @AfterEach}) to fail when any is left;</li>
 *   <li>{@link #pending()} looks without clearing, {@link #drain()} takes them without logging.</li>
 * </ul>
 * A Deferred enters the registry when its chain stops with a failure and leaves it when a later callback
 * handles the failure, when the failure moves to another Deferred (chaining), when it is reported or
 * drained, or when the Deferred is collected. Each failure is reported at most once. The registry holds
 * only small records that do not refer to the Deferred, so it never keeps a Deferred alive, and a Deferred
 * that succeeds never touches it.
 *
 * <p>With {@link Deferred#setDebugging(boolean) debugging} on, each report includes the stack that
 * created the Deferred and the one that first fired it. The registry is shared by every reactor and
 * thread in the process; all methods are thread-safe.
 */
public final class UnhandledFailures {
    /** The name of the {@code System.Logger} unhandled failures are logged to. */
    public static final String LOGGER_NAME = "dev.twine.defer.Deferred";

    private static final Logger LOGGER = System.getLogger(LOGGER_NAME);
    private static final Object LOCK = new Object();
    /** Insertion-ordered, so reports come out in the order the failures happened. */
    private static final LinkedHashSet<DebugInfo> PENDING = new LinkedHashSet<>();

    private UnhandledFailures() {
    }

    /**
     * One unhandled failure.
     *
     * @param deferred        the Deferred's class and identity hash, e.g. {@code Deferred@1b6d3586}
     * @param failure         the failure its chain ended with
     * @param debugTracebacks the creator (" C:") and first-invoker (" I:") stacks when debugging was on,
     *                        else empty
     */
    public record Report(String deferred, Failure failure, String debugTracebacks) {
        /** The log message, without the failure's stack (which the logger prints). */
        public String message() {
            String m = "Unhandled error in Deferred: " + deferred + ": " + failure.getBriefTraceback();
            return debugTracebacks.isEmpty() ? m : m + "\n(debug:\n" + debugTracebacks + ")";
        }
    }

    /** How many Deferreds currently end in an unhandled failure. */
    public static int count() {
        synchronized (LOCK) {
            return PENDING.size();
        }
    }

    /** The pending unhandled failures, oldest first, without clearing them. */
    public static List<Report> pending() {
        synchronized (LOCK) {
            List<Report> out = new ArrayList<>(PENDING.size());
            for (DebugInfo info : PENDING) {
                out.add(report(info, info.failResult));
            }
            return out;
        }
    }

    /**
     * Removes and returns the pending unhandled failures, oldest first. The caller takes them over: they
     * are not logged, and not reported again at garbage collection.
     */
    public static List<Report> drain() {
        synchronized (LOCK) {
            List<Report> out = new ArrayList<>(PENDING.size());
            for (DebugInfo info : PENDING) {
                out.add(report(info, info.failResult));
                info.failResult = null;
            }
            PENDING.clear();
            return out;
        }
    }

    /**
     * Logs every pending unhandled failure ({@code "Unhandled error in Deferred: ..."}, level ERROR, with
     * the full stack) and forgets it. Reactors call this when they stop. Returns how many were reported.
     */
    public static int reportAll() {
        List<Report> reports = drain();
        for (Report r : reports) {
            LOGGER.log(Level.ERROR, r.message(), r.failure().value());
        }
        return reports.size();
    }

    /**
     * Throws {@link AssertionError} listing every pending unhandled failure, after removing them so that
     * the next test starts clean; does nothing when there are none. The first failure's exception is the
     * error's cause and the others are attached as suppressed exceptions.
     */
    public static void assertNone() {
        List<Report> reports = drain();
        if (reports.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(reports.size()).append(" unhandled failure(s) in Deferreds:");
        for (Report r : reports) {
            sb.append("\n  ").append(r.message());
        }
        AssertionError error = new AssertionError(sb.toString(), reports.get(0).failure().value());
        for (int i = 1; i < reports.size(); i++) {
            error.addSuppressed(reports.get(i).failure().value());
        }
        throw error;
    }

    static void track(DebugInfo info, Failure failure) {
        synchronized (LOCK) {
            info.failResult = failure;
            PENDING.add(info);
        }
    }

    static void untrack(DebugInfo info) {
        synchronized (LOCK) {
            info.failResult = null;
            PENDING.remove(info);
        }
    }

    /** Runs on the cleaner thread once the Deferred is unreachable. */
    static void collected(DebugInfo info) {
        Failure failure;
        synchronized (LOCK) {
            failure = info.failResult;
            if (failure == null) {
                return;
            }
            info.failResult = null;
            PENDING.remove(info);
        }
        Report r = report(info, failure);
        LOGGER.log(Level.ERROR, r.message() + "\n(reported when the Deferred was garbage-collected)",
                failure.value());
    }

    private static Report report(DebugInfo info, Failure failure) {
        return new Report(info.description, failure, info.tracebacks());
    }
}
