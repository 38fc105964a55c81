package dev.twine.internet.base;

import dev.twine.internet.IDelayedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The reactor's timed calls: a binary min-heap of {@link DelayedCall}s ordered by (time, sequence number),
 * plus the list of calls scheduled since the last pass (Twisted's {@code _pendingTimedCalls} and
 * {@code _newTimedCalls}, semantics.md §1.1.1 and semantics.md §1.2).
 *
 * <p><b>Clocks.</b> Deadlines are nanoseconds on {@link System#nanoTime()}, counted from this queue's
 * creation so that they stay positive and compare with plain {@code <}. A wall-clock jump therefore
 * neither fires nor holds back a timer (Twine's decision; Twisted #2424). {@link #seconds()} still reports
 * epoch seconds, as Twisted's {@code reactor.seconds()} does, and {@link #toSeconds} converts a deadline
 * into those terms using the current offset between the two clocks. Deadlines saturate at
 * {@link Long#MAX_VALUE} (about 292 years), which is how a call asked for {@code 2**128} seconds from now is
 * kept: it stays listed by {@link #pending()} and never runs.
 *
 * <p><b>New calls.</b> {@code callLater} appends to a list that enters the heap at the start of the next
 * pass or timeout computation, so a {@code callLater(0, f)} made from inside a timed call runs on the next
 * iteration, not in the same pass (semantics.md §1.1.1, experiment E2).
 *
 * <p><b>Cancellation</b> is lazy: a cancelled call stays in the heap and is dropped when it surfaces. When
 * more than 50 cancelled calls make up more than half the heap, the heap is rebuilt without them
 * ({@code base.py:1074-1084}).
 *
 * <p>Reactor thread only.
 */
final class TimerQueue {
    /** Twisted's poll clamp: 2,147,483 s, the largest wait epoll's int milliseconds can express (#6259). */
    static final long MAX_TIMEOUT_NANOS = 2_147_483L * 1_000_000_000L;
    private static final int COMPACT_MIN_CANCELLATIONS = 50;

    private final LongSupplier nanoClock;
    private final long origin;
    private DelayedCall[] heap = new DelayedCall[64];
    private int size;
    private final ArrayList<DelayedCall> newCalls = new ArrayList<>();
    private long nextSeq;
    /** Cancelled calls still sitting in the heap. */
    private int cancellations;

    /** A queue on {@link System#nanoTime()}. */
    TimerQueue() {
        this(System::nanoTime);
    }

    /** A queue on the given monotonic nanosecond clock; tests freeze it to make deadlines equal. */
    TimerQueue(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.origin = nanoClock.getAsLong();
    }

    /** Nanoseconds since this queue was created, monotonic. */
    long now() {
        return nanoClock.getAsLong() - origin;
    }

    /** Epoch seconds, from the wall clock (Twisted's {@code reactor.seconds()}). */
    static double seconds() {
        Instant t = Instant.now();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    /** A queue-clock time converted to epoch seconds at the current offset between the clocks. */
    double toSeconds(long queueTime) {
        return seconds() + (queueTime - now()) / 1e9;
    }

    /** The queue-clock time {@code delayNanos} from now, saturating. */
    long deadline(long delayNanos) {
        return saturatedAdd(now(), delayNanos);
    }

    /**
     * Schedules {@code f} after {@code delay} seconds.
     *
     * @throws IllegalArgumentException for a NaN, infinite or negative delay (Twisted #3884: such a delay
     *                                  spins the loop at 100% CPU)
     */
    DelayedCall schedule(double delay, Runnable f) {
        long nanos = checkDelay(delay);
        DelayedCall call = new DelayedCall(this, deadline(nanos), nextSeq++, f);
        newCalls.add(call);
        return call;
    }

    /** Moves the calls scheduled since the last pass into the heap, dropping cancelled ones. */
    void insertNewCalls() {
        int n = newCalls.size();
        if (n == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            DelayedCall call = newCalls.get(i);
            if (call.cancelled) {
                continue;
            }
            // Twisted's activate_delay: a postponement recorded before insertion is applied now.
            call.time = call.effectiveTime();
            call.delayedTime = 0;
            push(call);
        }
        newCalls.clear();
    }

    /**
     * Runs every call due now, in (time, sequence) order. Calls scheduled while this runs wait for the
     * next pass; "now" is read once, so the pass is bounded. An exception from a call is logged and the
     * pass continues (semantics.md §1.10).
     */
    void runDueCalls() {
        insertNewCalls();
        if (cancellations > COMPACT_MIN_CANCELLATIONS && cancellations > size / 2) {
            compact();
        }
        if (size == 0) {
            // No clock read on a pass with no timer: a busy server passes here thousands of times a second.
            return;
        }
        long now = now();
        while (size > 0) {
            DelayedCall call = heap[0];
            if (call.cancelled) {
                removeTop();
                cancellations--;
                continue;
            }
            if (call.time > now) {
                break;
            }
            removeTop();
            if (call.delayedTime != 0) {
                // Postponed by reset() or delay(): take its real place now that it surfaced.
                call.time = call.effectiveTime();
                call.delayedTime = 0;
                call.seq = nextSeq++;
                push(call);
                continue;
            }
            // "called" is set before running, so cancel() from inside the call raises AlreadyCalled
            // (Twisted's test_cancelCalledDelayedCallSynchronous).
            call.called = true;
            Runnable f = call.func;
            call.func = null;
            try {
                f.run();
            } catch (Throwable t) {
                ReactorLog.error("Unhandled error in timed call " + f, t);
            }
        }
    }

    /**
     * How long the poller may wait before the earliest call is due: {@code -1} when no call is scheduled
     * (wait forever), else between 0 and {@link #MAX_TIMEOUT_NANOS}.
     */
    long timeoutNanos() {
        insertNewCalls();
        while (size > 0 && heap[0].cancelled) {
            removeTop();
            cancellations--;
        }
        if (size == 0) {
            return -1;
        }
        long left = heap[0].time - now();
        return Math.max(0, Math.min(MAX_TIMEOUT_NANOS, left));
    }

    /** Every call neither cancelled nor called: the heap's, then the new ones. */
    List<IDelayedCall> pending() {
        List<IDelayedCall> out = new ArrayList<>(size + newCalls.size());
        for (int i = 0; i < size; i++) {
            if (!heap[i].cancelled) {
                out.add(heap[i]);
            }
        }
        for (DelayedCall c : newCalls) {
            if (!c.cancelled) {
                out.add(c);
            }
        }
        return out;
    }

    /** Called by {@link DelayedCall#cancel()}: counts heap entries for compaction. */
    void cancelled(DelayedCall call) {
        if (call.heapIndex >= 0) {
            cancellations++;
        }
    }

    /**
     * Called when a call's {@link DelayedCall#time} decreased ({@code reset} sooner, negative
     * {@code delay}). A call still in the new list needs nothing: it enters the heap with its new time.
     */
    void movedSooner(DelayedCall call) {
        call.seq = nextSeq++;
        if (call.heapIndex >= 0) {
            siftUp(call.heapIndex, call);
        }
    }

    // -- heap --------------------------------------------------------------------------------------

    private static boolean before(DelayedCall a, DelayedCall b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    private void push(DelayedCall call) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, call);
    }

    private void removeTop() {
        DelayedCall top = heap[0];
        top.heapIndex = -1;
        DelayedCall last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
    }

    private void siftUp(int index, DelayedCall call) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            DelayedCall p = heap[parent];
            if (!before(call, p)) {
                break;
            }
            heap[index] = p;
            p.heapIndex = index;
            index = parent;
        }
        heap[index] = call;
        call.heapIndex = index;
    }

    private void siftDown(int index, DelayedCall call) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            DelayedCall c = heap[child];
            if (!before(c, call)) {
                break;
            }
            heap[index] = c;
            c.heapIndex = index;
            index = child;
        }
        heap[index] = call;
        call.heapIndex = index;
    }

    /** Rebuilds the heap without its cancelled entries (Floyd's bottom-up heapify). */
    private void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            DelayedCall c = heap[i];
            if (c.cancelled) {
                c.heapIndex = -1;
            } else {
                heap[kept++] = c;
            }
        }
        Arrays.fill(heap, kept, size, null);
        size = kept;
        cancellations = 0;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, heap[i]);
        }
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = i;
        }
    }

    // -- arithmetic --------------------------------------------------------------------------------

    /**
     * Validates a delay and converts it to nanoseconds, saturating.
     *
     * @throws IllegalArgumentException for NaN, infinite or negative
     */
    static long checkDelay(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("delay must be finite and >= 0, got " + seconds);
        }
        return toNanos(seconds);
    }

    /** Seconds to nanoseconds, rounded up (a timer never fires early), saturating at the long range. */
    static long toNanos(double seconds) {
        double n = Math.ceil(seconds * 1e9);
        if (n >= Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        if (n <= Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return (long) n;
    }

    /** {@code a + b}, clamped to the long range instead of overflowing. */
    static long saturatedAdd(long a, long b) {
        long r = a + b;
        // Overflow happened iff both operands have the sign opposite to the result.
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
