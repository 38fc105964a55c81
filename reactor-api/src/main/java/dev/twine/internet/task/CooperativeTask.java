package dev.twine.internet.task;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One iterator being run by a {@link Cooperator}, a step at a time (Twisted's
 * {@code task.CooperativeTask}, semantics.md §3.14). Make one with {@link Cooperator#cooperate}.
 *
 * <p>Each step calls the iterator's {@code next()} once. A step that yields a {@link Deferred} pauses
 * the task until that Deferred fires; if it fails, the task fails with its failure. The task ends when
 * the iterator is exhausted ({@link State#DONE}), throws ({@link State#FAILED}), is stopped
 * ({@link State#STOPPED}) or its cooperator is stopped ({@link State#SCHEDULER_STOPPED}).
 *
 * <ul>
 *   <li>{@link #whenDone()} gives a new Deferred on each call, which fires with the iterator when the task
 *       completes and errbacks with the failure (or {@link TaskStopped}, {@link SchedulerStopped})
 *       otherwise; asked after the end, it has already fired.</li>
 *   <li>{@link #pause()} and {@link #resume()} nest: two pauses need two resumes. Resuming a task that
 *       is not paused throws {@link NotPaused}.</li>
 *   <li>{@link #pause()} and {@link #stop()} on a finished task throw the {@link TaskFinished} subclass
 *       that says how it finished ({@link TaskDone}, {@link TaskStopped}, {@link TaskFailed}, or
 *       {@link SchedulerStopped}).</li>
 * </ul>
 *
 * <p>Threading: reactor thread only.
 *
 * @param <I> the iterator's type, handed back by {@link #whenDone()}
 */
public final class CooperativeTask<I extends Iterator<?>> {
    /** Where a task is in its life. */
    public enum State {
        /** Still has steps to run (possibly paused). */
        RUNNING,
        /** The iterator was exhausted. */
        DONE,
        /** {@link #stop()} was called. */
        STOPPED,
        /** The iterator threw, or a Deferred it yielded failed. */
        FAILED,
        /** The cooperator was stopped. */
        SCHEDULER_STOPPED
    }

    private final I iterator;
    private final Cooperator cooperator;
    private final List<Deferred<I>> deferreds = new ArrayList<>();
    private int pauseCount;
    private State state = State.RUNNING;
    /** The iterator (DONE) or the Failure every whenDone Deferred gets. */
    private Object completionResult;

    CooperativeTask(I iterator, Cooperator cooperator) {
        this.iterator = iterator;
        this.cooperator = cooperator;
        cooperator.addTask(this);
    }

    /** How the task stands. */
    public State state() {
        return state;
    }

    /** A new Deferred for the end of this task; see the class comment. */
    public Deferred<I> whenDone() {
        Deferred<I> d = new Deferred<>();
        if (state == State.RUNNING) {
            deferreds.add(d);
        } else {
            fire(d);
        }
        return d;
    }

    /**
     * Stops running steps until a matching {@link #resume()}.
     *
     * @throws TaskFinished if the task has finished
     */
    public void pause() {
        checkFinish();
        pauseCount++;
        if (pauseCount == 1) {
            cooperator.removeTask(this);
        }
    }

    /**
     * Undoes one {@link #pause()}; the last one lets steps run again.
     *
     * @throws NotPaused if the task is not paused
     */
    public void resume() {
        if (pauseCount == 0) {
            throw new NotPaused();
        }
        pauseCount--;
        if (pauseCount == 0 && state == State.RUNNING) {
            cooperator.addTask(this);
        }
    }

    /**
     * Ends the task: no more steps, and every {@link #whenDone()} Deferred errbacks with
     * {@link TaskStopped}.
     *
     * @throws TaskFinished if the task has already finished
     */
    public void stop() {
        checkFinish();
        completeWith(State.STOPPED, new Failure(new TaskStopped()));
    }

    private void checkFinish() {
        switch (state) {
            case RUNNING -> { }
            case DONE -> throw new TaskDone();
            case STOPPED -> throw new TaskStopped();
            case FAILED -> throw new TaskFailed();
            case SCHEDULER_STOPPED -> throw new SchedulerStopped();
        }
    }

    /** Ends the task with {@code newState}; then fires the Deferreds, once the task is out of the cooperator. */
    void completeWith(State newState, Object result) {
        state = newState;
        completionResult = result;
        if (pauseCount == 0) {
            cooperator.removeTask(this);
        }
        // Fired last, as in Twisted: a callback may stop the cooperator or touch other tasks, and this
        // task must already be gone from the cooperator by then.
        List<Deferred<I>> waiting = List.copyOf(deferreds);
        deferreds.clear();
        for (Deferred<I> d : waiting) {
            fire(d);
        }
    }

    @SuppressWarnings("unchecked")
    private void fire(Deferred<I> d) {
        if (completionResult instanceof Failure f) {
            d.errback(f);
        } else {
            d.callback((I) completionResult);
        }
    }

    /** One step: one {@code next()}, then done, failed, paused on a Deferred, or ready for the next. */
    void oneWorkUnit() {
        Object result;
        try {
            if (!iterator.hasNext()) {
                completeWith(State.DONE, iterator);
                return;
            }
            result = iterator.next();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            completeWith(State.FAILED, new Failure(t));
            return;
        }
        if (result instanceof Deferred<?> d) {
            pause();
            d.addCallbacks(ignored -> {
                resume();
                return null;
            }, failure -> {
                if (state != State.RUNNING) {
                    // Stopped meanwhile: the task's Deferreds have fired; leave this failure unhandled, so
                    // it is reported rather than lost.
                    return failure;
                }
                completeWith(State.FAILED, failure);
                return null;
            });
        }
    }

    @Override
    public String toString() {
        return "<CooperativeTask " + state + (pauseCount > 0 ? " paused" : "") + " " + iterator + ">";
    }
}
