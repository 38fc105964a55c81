package dev.twine.internet.task;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactorTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs long work in small steps so the reactor stays responsive (Twisted's {@code task.Cooperator},
 * semantics.md §3.14). Work is an {@link Iterator}: each {@code next()} is one step.
 *
 * <ul>
 *   <li>A tick runs steps round-robin over the tasks that are not paused, and ends as soon as the
 *       termination predicate says so, checked after every step. The default predicate is a time slice
 *       of {@link #MAX_SLICE} seconds (Twisted's {@code _Timer.MAX_SLICE}, 10 ms), so a tick holds the
 *       loop for at most one slice plus one step. At least one step runs per tick.</li>
 *   <li>Ticks are scheduled with {@code callLater(}{@link #EPSILON}{@code )} (Twisted's 1e-8 s), only
 *       while there are tasks to run.</li>
 *   <li>{@link #stop()} ends every task with {@link SchedulerStopped}; tasks added afterwards end at once
 *       the same way, until {@link #start()}.</li>
 *   <li>A cooperator made with {@code started = false} queues its tasks until {@link #start()}.</li>
 * </ul>
 *
 * <p>Threading: reactor thread only.
 */
public final class Cooperator {
    /** The default time slice per tick, in seconds (Twisted's {@code _Timer.MAX_SLICE}). */
    public static final double MAX_SLICE = 0.01;
    /** The delay with which ticks are scheduled (Twisted's {@code _EPSILON}). */
    public static final double EPSILON = 0.00000001;

    private final List<CooperativeTask<?>> tasks = new ArrayList<>();
    private final Supplier<BooleanSupplier> terminationPredicateFactory;
    private final Function<Runnable, IDelayedCall> scheduler;
    /** Index of the next task of this round in {@link #tasks}. */
    private int cursor;
    private IDelayedCall delayedCall;
    private boolean stopped;
    private boolean started;
    private boolean mustScheduleOnStart;

    /** A started cooperator ticking on {@code clock}, with the default 10 ms slice. */
    public Cooperator(IReactorTime clock) {
        this(Cooperator::timeSlice, f -> clock.callLater(EPSILON, f), true);
    }

    /**
     * A cooperator with its own rules (Twisted's constructor).
     *
     * @param terminationPredicateFactory called at the start of each tick; its predicate says when the tick ends
     * @param scheduler                   schedules the next tick
     * @param started                     false to queue tasks until {@link #start()}
     */
    public Cooperator(Supplier<BooleanSupplier> terminationPredicateFactory, Function<Runnable, IDelayedCall> scheduler,
            boolean started) {
        this.terminationPredicateFactory = Objects.requireNonNull(terminationPredicateFactory);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.started = started;
    }

    /** Twisted's {@code _Timer}: true once {@link #MAX_SLICE} has passed since it was made (monotonic clock). */
    static BooleanSupplier timeSlice() {
        return timeSlice(System::nanoTime);
    }

    /**
     * {@link #timeSlice()} on the given monotonic nanosecond clock. Tests pass their own clock: on a loaded
     * machine a real pause between making a slice and asking it can exceed 10 ms.
     */
    static BooleanSupplier timeSlice(LongSupplier nanoTime) {
        long end = nanoTime.getAsLong() + (long) (MAX_SLICE * 1e9);
        return () -> nanoTime.getAsLong() - end >= 0;
    }

    /** Runs {@code iterator} as a task; see {@link CooperativeTask}. */
    public <I extends Iterator<?>> CooperativeTask<I> cooperate(I iterator) {
        return new CooperativeTask<>(Objects.requireNonNull(iterator, "iterator"), this);
    }

    /** Runs {@code iterator} as a task and returns only its {@link CooperativeTask#whenDone()}. */
    public <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
        return cooperate(iterator).whenDone();
    }

    void addTask(CooperativeTask<?> task) {
        tasks.add(task);
        if (stopped) {
            task.completeWith(CooperativeTask.State.SCHEDULER_STOPPED, new Failure(new SchedulerStopped()));
        } else {
            reschedule();
        }
    }

    void removeTask(CooperativeTask<?> task) {
        int i = tasks.indexOf(task);
        if (i < 0) {
            return;
        }
        tasks.remove(i);
        if (i < cursor) {
            // Keep the round-robin position on the same next task.
            cursor--;
        }
        if (tasks.isEmpty() && delayedCall != null) {
            delayedCall.cancel();
            delayedCall = null;
        }
    }

    private void tick() {
        delayedCall = null;
        BooleanSupplier terminator = terminationPredicateFactory.get();
        round:
        while (!tasks.isEmpty()) {
            while (cursor < tasks.size()) {
                tasks.get(cursor++).oneWorkUnit();
                if (terminator.getAsBoolean()) {
                    break round;
                }
            }
            cursor = 0;
        }
        reschedule();
    }

    private void reschedule() {
        if (!started) {
            mustScheduleOnStart = true;
            return;
        }
        if (delayedCall == null && !tasks.isEmpty()) {
            delayedCall = scheduler.apply(this::tick);
        }
    }

    /** Starts (or restarts, after {@link #stop()}) scheduling ticks. */
    public void start() {
        stopped = false;
        started = true;
        if (mustScheduleOnStart) {
            mustScheduleOnStart = false;
            reschedule();
        }
    }

    /** Stops scheduling ticks and ends every task with {@link SchedulerStopped}. */
    public void stop() {
        stopped = true;
        for (CooperativeTask<?> t : List.copyOf(tasks)) {
            t.completeWith(CooperativeTask.State.SCHEDULER_STOPPED, new Failure(new SchedulerStopped()));
        }
        tasks.clear();
        cursor = 0;
        if (delayedCall != null) {
            delayedCall.cancel();
            delayedCall = null;
        }
    }

    /** Started and not stopped. */
    public boolean running() {
        return started && !stopped;
    }
}
