package dev.twine.internet;

/**
 * A call scheduled by {@link IReactorTime#callLater} (Twisted's {@code IDelayedCall}, §1.2).
 * Reactor thread only.
 */
public interface IDelayedCall {
    /** When it will run, in {@link IReactorTime#seconds()} terms (including any reset or delay). */
    double getTime();

    /**
     * Cancels it.
     *
     * @throws dev.twine.internet.error.AlreadyCancelled if cancelled before
     * @throws dev.twine.internet.error.AlreadyCalled    if it has run (or is running)
     */
    void cancel();

    /**
     * Moves it to {@code secondsLater} seconds after its current time.
     *
     * @throws IllegalArgumentException for NaN or infinite
     */
    void delay(double secondsLater);

    /**
     * Moves it to {@code secondsFromNow} seconds from now.
     *
     * @throws IllegalArgumentException for NaN, infinite or negative
     */
    void reset(double secondsFromNow);

    /** Neither cancelled nor called. */
    boolean active();
}
