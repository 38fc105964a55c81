package dev.twine.tck.tcp;

/**
 * Runs an action (usually {@code reactor::stop}) once, when {@link #tick()} has been called {@code n}
 * times: the way a test waits for several independent outcomes before stopping the reactor.
 */
public final class Countdown {
    private int remaining;
    private final Runnable action;

    public Countdown(int n, Runnable action) {
        this.remaining = n;
        this.action = action;
    }

    public void tick() {
        if (remaining > 0 && --remaining == 0) {
            action.run();
        }
    }

    public int remaining() {
        return remaining;
    }
}
