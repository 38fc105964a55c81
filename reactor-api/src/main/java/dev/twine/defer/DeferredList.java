package dev.twine.defer;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

/**
 * Collects the results of several Deferreds (Twisted's {@code defer.DeferredList}, semantics.md §1.11).
 *
 * <p>By default it fires, once every input has fired, with a list of {@link Outcome}s in input order.
 * {@link Option#FIRE_ON_ONE_ERRBACK} makes it errback at the first failure with a {@link FirstError};
 * {@link #fireOnOneCallback} makes it fire at the first success with an {@link IndexedResult} (and with the
 * list if every input fails). {@link Option#CONSUME_ERRORS} replaces each input's failure with
 * {@code null} in that input's own chain after the list has recorded it, so it is not reported as
 * unhandled there. An empty list fires with an empty list at once (never, with
 * {@code fireOnOneCallback}).
 *
 * <p>The list works by adding a callback pair to each input, so callbacks added to an input earlier change
 * what the list sees, and callbacks added later see what the list leaves (Twisted documents the same).
 * Inputs that have already fired are recorded during construction. {@link #cancel()} before the list
 * has fired cancels every input, logging any exception a canceller throws; afterwards it does nothing.
 *
 * <p>Same threading rules as {@link Deferred}: one thread at a time, normally the reactor thread.
 *
 * @param <R> the result type: {@code List<Outcome>}, or {@code Object} with {@code fireOnOneCallback}
 */
public final class DeferredList<R> extends Deferred<R> {
    private static final Logger LOGGER = System.getLogger(DeferredList.class.getName());

    /** Twisted's keyword flags, except {@code fireOnOneCallback}, which changes the result type. */
    public enum Option {
        /** Errback with {@link FirstError} as soon as any input fails. */
        FIRE_ON_ONE_ERRBACK,
        /** Replace each input's failure with {@code null} in that input's chain once recorded. */
        CONSUME_ERRORS
    }

    /**
     * How one input ended: Twisted's {@code (success, result)} pair.
     *
     * @param success whether it succeeded
     * @param result  its result, or its {@link Failure} when {@code success} is false
     */
    public record Outcome(boolean success, Object result) {
        /** The failure of an unsuccessful input. */
        public Failure failure() {
            if (success) {
                throw new IllegalStateException("the Deferred succeeded");
            }
            return (Failure) result;
        }
    }

    private final List<Deferred<?>> deferreds;
    private final Outcome[] resultList;
    private final boolean fireOnOneCallback;
    private final boolean fireOnOneErrback;
    private final boolean consumeErrors;
    private int finishedCount;

    @SuppressWarnings("unchecked")
    private DeferredList(List<? extends Deferred<?>> inputs, boolean fireOnOneCallback, EnumSet<Option> options) {
        super();
        this.deferreds = List.copyOf(inputs);
        this.resultList = new Outcome[deferreds.size()];
        this.fireOnOneCallback = fireOnOneCallback;
        this.fireOnOneErrback = options.contains(Option.FIRE_ON_ONE_ERRBACK);
        this.consumeErrors = options.contains(Option.CONSUME_ERRORS);
        if (deferreds.isEmpty() && !fireOnOneCallback) {
            callback((R) List.of());
        }
        // The flags are set before the callbacks are added: already-fired inputs run them right here.
        for (int i = 0; i < deferreds.size(); i++) {
            int index = i;
            ((Deferred<Object>) deferreds.get(i)).addCallbacks(
                    value -> inputFired(value, index, true),
                    failure -> inputFired(failure, index, false));
        }
    }

    /** A list that fires with every input's {@link Outcome}, in input order, once all have fired. */
    public static DeferredList<List<Outcome>> of(List<? extends Deferred<?>> deferreds, Option... options) {
        return new DeferredList<>(deferreds, false, toSet(options));
    }

    /**
     * Twisted's {@code fireOnOneCallback=True}: fires with the {@link IndexedResult} of the first input to
     * succeed, or, if every input fails, with the {@code List<Outcome>}. Never fires for an empty list.
     */
    public static DeferredList<Object> fireOnOneCallback(List<? extends Deferred<?>> deferreds, Option... options) {
        return new DeferredList<>(deferreds, true, toSet(options));
    }

    private static EnumSet<Option> toSet(Option... options) {
        EnumSet<Option> set = EnumSet.noneOf(Option.class);
        set.addAll(Arrays.asList(options));
        return set;
    }

    @SuppressWarnings("unchecked")
    private Object inputFired(Object value, int index, boolean succeeded) {
        resultList[index] = new Outcome(succeeded, value);
        finishedCount++;
        if (!called()) {
            if (succeeded && fireOnOneCallback) {
                callback((R) new IndexedResult<>(index, value));
            } else if (!succeeded && fireOnOneErrback) {
                errback(new Failure(new FirstError((Failure) value, index)));
            } else if (finishedCount == resultList.length) {
                callback((R) List.of(resultList));
            }
        }
        if (!succeeded && consumeErrors) {
            return null;
        }
        return value;
    }

    /**
     * The outcomes recorded so far, in input order, with {@code null} for inputs that have not fired.
     * Inputs keep being recorded after a {@code fireOnOne...} list has fired.
     */
    public List<Outcome> resultList() {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(resultList)));
    }

    /** How many inputs have fired. */
    public int finishedCount() {
        return finishedCount;
    }

    /** The input Deferreds, in order. */
    public List<Deferred<?>> deferreds() {
        return deferreds;
    }

    /**
     * If this list has not fired, cancels every input; an exception from an input's canceller is logged
     * and the remaining inputs are still cancelled. Once the list has fired, does nothing.
     */
    @Override
    public void cancel() {
        if (called()) {
            return;
        }
        for (Deferred<?> d : deferreds) {
            try {
                d.cancel();
            } catch (RuntimeException e) {
                LOGGER.log(Level.ERROR, "Exception raised from user supplied canceller", e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T> Deferred<List<T>> gather(List<? extends Deferred<? extends T>> deferreds,
            boolean consumeErrors) {
        DeferredList<List<Outcome>> list = consumeErrors
                ? of(deferreds, Option.FIRE_ON_ONE_ERRBACK, Option.CONSUME_ERRORS)
                : of(deferreds, Option.FIRE_ON_ONE_ERRBACK);
        return list.addCallback(outcomes -> {
            List<T> values = new ArrayList<>(outcomes.size());
            for (Outcome o : outcomes) {
                values.add((T) o.result());
            }
            return Collections.unmodifiableList(values);
        });
    }
}
