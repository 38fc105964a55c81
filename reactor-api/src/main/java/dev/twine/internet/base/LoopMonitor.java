package dev.twine.internet.base;

import dev.twine.internet.IFileDescriptor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one reactor's loop is doing, for watchers on other threads: when the current loop pass began, which
 * descriptor it is dispatching, and the reactor's counters (connections, bytes in and out). A stall
 * detector ({@code dev.twine.internet.group.StallDetector}) and metrics exporters read it; nothing in the
 * reactor reads it back (semantics.md §5.4).
 *
 * <p><b>A loop pass</b> begins when the reactor's wait on its poller ends (at the first readiness report,
 * or when the poll returns with none) and lasts until the next wait begins. The loop takes exactly one
 * {@link System#nanoTime()} per pass for this; between passes the start reads {@link #IDLE}, so a reactor
 * blocked in its poller is never mistaken for a stalled one.
 *
 * <p><b>Threading.</b> Written only by the reactor's thread; every getter may be called from any thread and
 * takes no lock. Values are published with opaque/release stores: a reader sees each field's latest value
 * soon after it is written, with no ordering promised between different fields.
 */
public final class LoopMonitor {
    /** The pass start while the reactor waits in its poller (or is not running). */
    public static final long IDLE = Long.MIN_VALUE;

    private static final VarHandle PASS_START;
    private static final VarHandle CURRENT;
    private static final VarHandle CONNECTIONS;
    private static final VarHandle BYTES_IN;
    private static final VarHandle BYTES_OUT;
    private static final VarHandle PASSES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PASS_START = l.findVarHandle(LoopMonitor.class, "passStart", long.class);
            CURRENT = l.findVarHandle(LoopMonitor.class, "current", IFileDescriptor.class);
            CONNECTIONS = l.findVarHandle(LoopMonitor.class, "connections", long.class);
            BYTES_IN = l.findVarHandle(LoopMonitor.class, "bytesIn", long.class);
            BYTES_OUT = l.findVarHandle(LoopMonitor.class, "bytesOut", long.class);
            PASSES = l.findVarHandle(LoopMonitor.class, "passes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String reactorName;
    private volatile Thread thread;
    @SuppressWarnings("unused") // through PASS_START
    private long passStart = IDLE;
    @SuppressWarnings("unused") // through CURRENT
    private IFileDescriptor current;
    @SuppressWarnings("unused") // through CONNECTIONS
    private long connections;
    @SuppressWarnings("unused") // through BYTES_IN
    private long bytesIn;
    @SuppressWarnings("unused") // through BYTES_OUT
    private long bytesOut;
    @SuppressWarnings("unused") // through PASSES
    private long passes;

    /** A monitor for a reactor called {@code reactorName} (used in stall reports). */
    public LoopMonitor(String reactorName) {
        this.reactorName = reactorName;
    }

    // -- reactor thread -------------------------------------------------------------------------------

    void enterRun(Thread t) {
        thread = t;
    }

    void leaveRun() {
        PASS_START.setOpaque(this, IDLE);
        CURRENT.setOpaque(this, (IFileDescriptor) null);
    }

    /** The wait is about to begin: the pass is over. No clock read. */
    void enterWait() {
        PASS_START.setOpaque(this, IDLE);
        CURRENT.setOpaque(this, (IFileDescriptor) null);
    }

    /** The wait ended: the one clock read of this pass, taken only if the pass has not begun yet. */
    void wokeUp() {
        if ((long) PASS_START.getOpaque(this) == IDLE) {
            PASS_START.setOpaque(this, System.nanoTime());
            PASSES.setOpaque(this, (long) PASSES.getOpaque(this) + 1);
        }
    }

    /** The descriptor whose callback runs now, or null for timers and thread calls. An opaque store. */
    void dispatching(IFileDescriptor d) {
        CURRENT.setOpaque(this, d);
    }

    /** A TCP connection was made on this reactor (accepted or connected). */
    public void connectionOpened() {
        CONNECTIONS.setOpaque(this, (long) CONNECTIONS.getOpaque(this) + 1);
    }

    /** A TCP connection of this reactor closed its socket. */
    public void connectionClosed() {
        CONNECTIONS.setOpaque(this, (long) CONNECTIONS.getOpaque(this) - 1);
    }

    /** {@code n} bytes were read from a connection. */
    public void bytesIn(long n) {
        BYTES_IN.setOpaque(this, (long) BYTES_IN.getOpaque(this) + n);
    }

    /** {@code n} bytes were written to a connection's socket. */
    public void bytesOut(long n) {
        BYTES_OUT.setOpaque(this, (long) BYTES_OUT.getOpaque(this) + n);
    }

    // -- any thread -----------------------------------------------------------------------------------

    /** The reactor's name, as in its {@code toString()}. */
    public String reactorName() {
        return reactorName;
    }

    /** The thread running the reactor, or null before {@code run()}. */
    public Thread thread() {
        return thread;
    }

    /** {@link System#nanoTime()} when the current pass began, or {@link #IDLE} while waiting. */
    public long passStartNanos() {
        return (long) PASS_START.getOpaque(this);
    }

    /**
     * The loop lag: how long the current pass has been running, in nanoseconds, or 0 while the reactor
     * waits. A thread call or timer submitted now waits at least this long.
     */
    public long lagNanos() {
        long start = passStartNanos();
        return start == IDLE ? 0 : Math.max(0, System.nanoTime() - start);
    }

    /** The descriptor being dispatched at the moment of reading, or null (a racy snapshot). */
    public IFileDescriptor currentDescriptor() {
        return (IFileDescriptor) CURRENT.getOpaque(this);
    }

    /** Open TCP connections of this reactor. */
    public long connections() {
        return (long) CONNECTIONS.getOpaque(this);
    }

    /** Bytes read from this reactor's connections since it was built. */
    public long bytesIn() {
        return (long) BYTES_IN.getOpaque(this);
    }

    /** Bytes written to this reactor's connections' sockets since it was built. */
    public long bytesOut() {
        return (long) BYTES_OUT.getOpaque(this);
    }

    /** Loop passes begun since the reactor first ran. */
    public long passes() {
        return (long) PASSES.getOpaque(this);
    }

    @Override
    public String toString() {
        return "LoopMonitor[" + reactorName + " connections=" + connections() + " in=" + bytesIn() + " out="
                + bytesOut() + " lag=" + lagNanos() / 1_000_000 + "ms]";
    }
}
