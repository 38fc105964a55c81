package dev.twine.defer;

import dev.twine.internet.IReactorTime;

/**
 * STUB: the defer helper replaces this file with the full implementation; the public signatures below
 * are the contract other code compiles against and must keep.
 */
public class Deferred<T> {

    /** A callback or errback: may return a value, a {@link Failure}, or a {@link Deferred} to wait on. */
    @FunctionalInterface
    public interface Callback<A, R> {
        R call(A arg) throws Exception;
    }

    /** Called by {@link #cancel()} on an unfired Deferred. */
    @FunctionalInterface
    public interface Canceller<T> {
        void cancel(Deferred<T> d);
    }

    public Deferred() {
    }

    public Deferred(Canceller<T> canceller) {
    }

    public <R> Deferred<R> addCallback(Callback<? super T, R> callback) {
        throw new UnsupportedOperationException("stub");
    }

    public <R> Deferred<R> addDeferredCallback(Callback<? super T, Deferred<R>> callback) {
        throw new UnsupportedOperationException("stub");
    }

    public Deferred<T> addErrback(Callback<Failure, ?> errback) {
        throw new UnsupportedOperationException("stub");
    }

    public <R> Deferred<R> addCallbacks(Callback<? super T, R> callback, Callback<Failure, ?> errback) {
        throw new UnsupportedOperationException("stub");
    }

    public <R> Deferred<R> addBoth(Callback<Object, R> callback) {
        throw new UnsupportedOperationException("stub");
    }

    public void callback(T result) {
        throw new UnsupportedOperationException("stub");
    }

    public void errback(Failure failure) {
        throw new UnsupportedOperationException("stub");
    }

    public void errback(Throwable error) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean called() {
        throw new UnsupportedOperationException("stub");
    }

    public void cancel() {
        throw new UnsupportedOperationException("stub");
    }

    public void pause() {
        throw new UnsupportedOperationException("stub");
    }

    public void unpause() {
        throw new UnsupportedOperationException("stub");
    }

    public Deferred<T> addTimeout(double seconds, IReactorTime clock) {
        throw new UnsupportedOperationException("stub");
    }

    public Deferred<T> chainDeferred(Deferred<T> other) {
        throw new UnsupportedOperationException("stub");
    }

    public static <T> Deferred<T> succeed(T result) {
        throw new UnsupportedOperationException("stub");
    }

    public static <T> Deferred<T> fail(Throwable error) {
        throw new UnsupportedOperationException("stub");
    }

    public static <T> Deferred<T> fail(Failure failure) {
        throw new UnsupportedOperationException("stub");
    }
}
