package dev.twine.internet;

/**
 * A call scheduled by {@link IReactorTime#callLater} (Twisted's {@code IDelayedCall}, semantics.md §1.2).
 * Reactor thread only.
 */
public interface IDelayedCall {
    /** When it will run, in {@link IReactorTime#seconds()} terms (including any reset or delay). */
    double getTime();

    /**
     * Cancels it and drops its references to the function. A call is "called" from the moment it starts
     * running, so cancelling it from inside itself raises {@code AlreadyCalled}.
     *
     * @throws dev.twine.internet.error.AlreadyCancelled if cancelled before
     * @throws dev.twine.internet.error.AlreadyCalled    if it has run (or is running)
     */
    void cancel();

    /**
     * Moves it to {@code secondsLater} seconds after its current time; a negative value moves it sooner.
     *
     * @throws IllegalArgumentException for NaN or infinite
     * @throws dev.twine.internet.error.AlreadyCancelled if cancelled
     * @throws dev.twine.internet.error.AlreadyCalled    if it has run (or is running)
     */
    void delay(double secondsLater);

    /**
     * Moves it to {@code secondsFromNow} seconds from now. Among calls due at the same time, a reset call
     * counts as scheduled when it was reset.
     *
     * @throws IllegalArgumentException for NaN, infinite or negative
     * @throws dev.twine.internet.error.AlreadyCancelled if cancelled
     * @throws dev.twine.internet.error.AlreadyCalled    if it has run (or is running)
     */
    void reset(double secondsFromNow);

    /** Neither cancelled nor called. */
    boolean active();
}
