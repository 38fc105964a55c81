package dev.twine.internet.group;

import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.base.LoopMonitor;
import dev.twine.internet.base.ReactorBase;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Finds callbacks that hold a reactor too long (semantics.md §5.4): Vert.x's blocked-thread warning for
 * Twine. A daemon watchdog thread samples each watched reactor's {@link LoopMonitor} every quarter of the
 * threshold; when the current loop pass has run longer than the threshold, it takes the reactor thread's
 * stack and reports the pass <b>once</b>: a {@code WARNING} on {@code System.Logger}
 * {@code dev.twine.internet.group.StallDetector} naming the callback (class and method), the descriptor's
 * {@code logPrefix}, the reactor and the stack; a JFR event {@code dev.twine.LoopStall} where JFR is
 * present; and the optional listener given to {@link #start}.
 *
 * <p><b>Cost on the reactor.</b> Nothing but what {@link LoopMonitor} does anyway: one clock read per loop
 * pass and two reference stores per dispatched descriptor (set, then cleared). Taking the stack is the
 * watchdog's work, and only for a pass already over the threshold.
 *
 * <p><b>Threading.</b> Thread-safe; {@link #close()} stops the watchdog. The listener runs on the watchdog
 * thread and must not block it long.
 */
public final class StallDetector implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StallDetector.class.getName());
    /** Packages of the loop's own machinery: the callback named is the first frame above them outside them. */
    private static final List<String> MACHINERY = List.of("dev.twine.internet.base.", "dev.twine.internet.tcp.",
            "dev.twine.internet.group.", "dev.twine.internet.task.", "dev.twine.defer.", "dev.twine.spi.",
            "dev.twine.backend.", "dev.twine.nativeio.", "dev.twine.protocols.", "dev.twine.internet.Protocol",
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jnr.", "com.kenai.");

    private final List<LoopMonitor> monitors;
    private final long thresholdNanos;
    private final long[] reportedPass;
    private final Consumer<StallReport> listener;
    private final AtomicLong reports = new AtomicLong();
    private final Thread watchdog;
    private volatile boolean closed;

    private StallDetector(List<ReactorBase> reactors, Duration threshold, Consumer<StallReport> listener) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("the stall threshold must be positive, got " + threshold);
        }
        this.monitors = reactors.stream().map(ReactorBase::monitor).toList();
        this.thresholdNanos = threshold.toNanos();
        this.reportedPass = new long[monitors.size()];
        Arrays.fill(reportedPass, LoopMonitor.IDLE);
        this.listener = listener;
        this.watchdog = new Thread(this::watch, "twine-stall-detector");
        watchdog.setDaemon(true);
    }

    /** Watches {@code reactors}, reporting passes longer than {@code threshold}; see the class comment. */
    public static StallDetector start(Duration threshold, List<ReactorBase> reactors) {
        return start(threshold, reactors, r -> { });
    }

    /** As {@link #start(Duration, List)}, also giving every report to {@code listener}. */
    public static StallDetector start(Duration threshold, List<ReactorBase> reactors, Consumer<StallReport> listener) {
        StallDetector d = new StallDetector(List.copyOf(reactors), threshold, Objects.requireNonNull(listener));
        d.watchdog.start();
        return d;
    }

    /** How many stalled passes were reported so far. */
    public long reportCount() {
        return reports.get();
    }

    /** The threshold this detector reports at. */
    public Duration threshold() {
        return Duration.ofNanos(thresholdNanos);
    }

    /** Stops the watchdog and waits briefly for it. Idempotent. */
    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        try {
            watchdog.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        long period = Math.max(1_000_000, thresholdNanos / 4);
        while (!closed) {
            try {
                Thread.sleep(period / 1_000_000, (int) (period % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < monitors.size(); i++) {
                try {
                    check(i);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "stall detector failed on " + monitors.get(i).reactorName(), e);
                }
            }
        }
    }

    private void check(int i) {
        LoopMonitor m = monitors.get(i);
        long start = m.passStartNanos();
        if (start == LoopMonitor.IDLE || start == reportedPass[i]) {
            return;
        }
        long held = System.nanoTime() - start;
        Thread t = m.thread();
        if (held < thresholdNanos || t == null) {
            return;
        }
        IFileDescriptor d = m.currentDescriptor();
        StackTraceElement[] stack = t.getStackTrace();
        if (m.passStartNanos() != start) {
            return; // the pass ended while the stack was taken: it is not this pass's stack
        }
        reportedPass[i] = start;
        StallReport r = new StallReport(m.reactorName(), t.getName(), callbackOf(stack), prefixOf(d), held,
                List.of(stack));
        reports.incrementAndGet();
        LOG.log(Level.WARNING, r.message());
        JfrEvents.stall(r);
        try {
            listener.accept(r);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "stall listener failed", e);
        }
    }

    /**
     * The callback holding the loop: walking from the thread's root towards the top, the first frame above
     * the reactor's {@code run} that belongs neither to Twine's machinery nor to the JDK.
     */
    static String callbackOf(StackTraceElement[] stack) {
        boolean inLoop = false;
        for (int i = stack.length - 1; i >= 0; i--) {
            String cls = stack[i].getClassName();
            if (!inLoop) {
                inLoop = cls.equals(ReactorBase.class.getName());
                continue;
            }
            if (!isMachinery(cls)) {
                return cls + "." + stack[i].getMethodName();
            }
        }
        return stack.length == 0 ? "?" : stack[0].getClassName() + "." + stack[0].getMethodName();
    }

    private static boolean isMachinery(String cls) {
        for (String p : MACHINERY) {
            if (cls.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static String prefixOf(IFileDescriptor d) {
        if (d == null) {
            return "-";
        }
        try {
            return d.logPrefix();
        } catch (RuntimeException e) {
            return d.getClass().getName();
        }
    }
}
