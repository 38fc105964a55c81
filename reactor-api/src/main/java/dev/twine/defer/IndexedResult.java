package dev.twine.defer;

/**
 * A result together with the position of the Deferred that produced it: the result of
 * {@link Deferred#race} (Twisted's {@code (index, result)}) and of a
 * {@link DeferredList#fireOnOneCallback fireOnOneCallback} list (Twisted's {@code (result, index)}).
 *
 * @param index  the position of the Deferred in the input list
 * @param result its result
 */
public record IndexedResult<T>(int index, T result) {
}
