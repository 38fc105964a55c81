package dev.twine.testing;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactorTime;
import dev.twine.internet.task.Clock;
import java.util.List;

/**
 * A {@link MemoryReactor} that is also a {@link Clock} (Twisted's {@code MemoryReactorClock}): time stands
 * still until {@link #advance} moves it, and every rule of {@link Clock} holds for its calls. Use it for
 * code that both connects and schedules (a reconnecting client factory, a timeout). Not thread-safe.
 */
public class MemoryReactorClock extends MemoryReactor implements IReactorTime {
    private final Clock clock = new Clock();

    /** A reactor at time 0.0 that has not run and recorded nothing. */
    public MemoryReactorClock() {
    }

    @Override
    public double seconds() {
        return clock.seconds();
    }

    @Override
    public IDelayedCall callLater(double delay, Runnable f) {
        return clock.callLater(delay, f);
    }

    @Override
    public List<IDelayedCall> getDelayedCalls() {
        return clock.getDelayedCalls();
    }

    /** Moves time forward and runs what is due; see {@link Clock#advance}. */
    public void advance(double amount) {
        clock.advance(amount);
    }

    /** {@link #advance} by each amount in turn; see {@link Clock#pump}. */
    public void pump(double... amounts) {
        clock.pump(amounts);
    }
}
