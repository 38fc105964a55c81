package dev.twine.internet.base;

import dev.twine.spi.Poller;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code callFromThread} queue and the wake-up gate (Twisted's {@code threadCallQueue} and
 * {@code wakeUp()}, semantics.md §1.3).
 *
 * <p><b>Queue.</b> A lock-free stack that producers push onto with one compare-and-set; the reactor takes
 * the whole stack with one swap and reverses it, which gives FIFO order and a natural per-iteration
 * snapshot: a call queued while the snapshot runs (even by a queued call) waits for the next iteration, so
 * a call that keeps re-queueing itself cannot starve I/O (Twisted's {@code testCallFromThreadStops}).
 * Nothing is bounded, so 100,000 queued calls are fine ({@code test_wakerOverflow}).
 *
 * <p><b>Wake-up gate.</b> Waking a poller costs a system call (a write to an eventfd or a pipe), so it is
 * done only when the loop is asleep or about to be. The reactor sets {@code SLEEPING} and then checks the
 * queue once more before it blocks; a producer pushes and then reads the state, and only the producer that
 * moves it from {@code SLEEPING} to {@code AWAKE} calls {@link Poller#wakeup()}. Both sides write one
 * volatile and then read the other's, so at least one of them sees the other: either the reactor finds the
 * call and does not block, or the producer finds the reactor asleep and wakes it. No wake-up is lost and
 * at most one is sent per sleep.
 *
 * <p>{@link #add} is thread-safe; everything else is for the reactor thread.
 */
final class ThreadCallQueue {
    private static final int AWAKE = 0;
    private static final int SLEEPING = 1;

    private static final class Node {
        final Runnable call;
        Node next;

        Node(Runnable call) {
            this.call = call;
        }
    }

    private final AtomicReference<Node> top = new AtomicReference<>();
    private final AtomicInteger state = new AtomicInteger(AWAKE);
    private final Poller<?> poller;

    ThreadCallQueue(Poller<?> poller) {
        this.poller = poller;
    }

    /** Queues {@code call} and wakes the reactor if it is asleep. Thread-safe. */
    void add(Runnable call) {
        Node node = new Node(call);
        Node head;
        do {
            head = top.get();
            node.next = head;
        } while (!top.compareAndSet(head, node));
        if (state.get() == SLEEPING && state.compareAndSet(SLEEPING, AWAKE)) {
            poller.wakeup();
        }
    }

    /** True when no call is queued. */
    boolean isEmpty() {
        return top.get() == null;
    }

    /**
     * Runs the calls queued before this method started, oldest first. An exception is logged and the
     * remaining calls still run (Twisted's "while calling from thread", {@code base.py:1063}).
     */
    void runQueued() {
        // A plain volatile read first: the swap is an atomic read-modify-write (a locked instruction on
        // x86) and this runs once per loop pass, almost always on an empty queue. A call pushed just after
        // the read is not lost: prepareToSleep() looks again before the reactor blocks.
        if (top.get() == null) {
            return;
        }
        Node n = top.getAndSet(null);
        Node reversed = null;
        while (n != null) {
            Node next = n.next;
            n.next = reversed;
            reversed = n;
            n = next;
        }
        for (n = reversed; n != null; n = n.next) {
            try {
                n.call.run();
            } catch (Throwable t) {
                ReactorLog.error("Unhandled error while calling from thread " + n.call, t);
            }
        }
    }

    /**
     * Announces that the reactor is about to block. Returns false, leaving the state {@code AWAKE}, if a
     * call arrived meanwhile: then the reactor must not block.
     */
    boolean prepareToSleep() {
        state.set(SLEEPING);
        if (top.get() != null) {
            state.set(AWAKE);
            return false;
        }
        return true;
    }

    /** Announces that the reactor returned from its wait; producers stop waking it. */
    void awake() {
        state.set(AWAKE);
    }
}
