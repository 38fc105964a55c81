package dev.twine.protocols.policies;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactorTime;
import dev.twine.internet.Protocol;
import dev.twine.internet.error.AlreadyCalled;
import dev.twine.internet.error.AlreadyCancelled;
import java.util.Objects;

/**
 * An idle timeout for a protocol (Twisted's {@code twisted.protocols.policies.TimeoutMixin},
 * semantics.md §3.6). Java has no mixins with state, so the protocol implements this interface and keeps
 * one {@link Timer} (the state) that {@link #timeoutTimer()} returns:
 *
 * <pre>{@code
 * class Session extends Int32StringReceiver implements TimeoutMixin {
 *     private final TimeoutMixin.Timer timer = new TimeoutMixin.Timer(reactor);
 *     public TimeoutMixin.Timer timeoutTimer() { return timer; }
 *     public void connectionMade() { setTimeout(60.0); }
 *     public void stringReceived(byte[] s) { resetTimeout(); ... }
 *     public void connectionLost(Failure reason) { setTimeout(null); }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #setTimeout(Double)} returns the previous period. With a timer pending, a new period
 *       restarts it from now and {@code null} cancels it; with none pending, a period starts one.</li>
 *   <li>{@link #resetTimeout()} restarts a pending timer from now with the current period; it does
 *       nothing when none is pending.</li>
 *   <li>When the timer fires, {@link #timeoutConnection()} is called; the default closes the protocol's
 *       transport with {@code loseConnection}.</li>
 *   <li>As in Twisted, nothing is cancelled when the connection ends: call {@code setTimeout(null)} in
 *       {@code connectionLost}.</li>
 * </ul>
 *
 * <p>Threading: reactor thread only (the timer's clock's thread).
 */
public interface TimeoutMixin {

    /** This protocol's timeout state; always the same object. */
    Timer timeoutTimer();

    /**
     * Sets the timeout period in seconds, or cancels it with {@code null}.
     *
     * @return the previous period, or null
     * @throws IllegalArgumentException for a NaN, infinite or negative period
     */
    default Double setTimeout(Double period) {
        return timeoutTimer().set(period, this);
    }

    /** Restarts the pending timeout from now; call it whenever the connection shows life. */
    default void resetTimeout() {
        timeoutTimer().reset();
    }

    /** The current period, or null (Twisted's {@code timeOut} attribute). */
    default Double timeOut() {
        return timeoutTimer().period;
    }

    /**
     * The connection was idle for the whole period. The default closes a {@link Protocol}'s transport
     * with {@code loseConnection}, as Twisted's does; other implementations must override it.
     */
    default void timeoutConnection() {
        if (this instanceof Protocol p && p.transport != null) {
            p.transport.loseConnection();
        } else {
            throw new UnsupportedOperationException(getClass().getName() + " must override timeoutConnection");
        }
    }

    /**
     * The state of one {@link TimeoutMixin}: its period and pending call, scheduled on a clock (the
     * reactor, or a {@link dev.twine.internet.task.Clock} in tests; Twisted lets tests override
     * {@code callLater} for the same purpose). Reactor thread only.
     */
    final class Timer {
        private final IReactorTime clock;
        private Double period;
        private IDelayedCall pending;

        public Timer(IReactorTime clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        Double set(Double newPeriod, TimeoutMixin owner) {
            if (newPeriod != null && (newPeriod.isNaN() || newPeriod.isInfinite() || newPeriod < 0)) {
                throw new IllegalArgumentException("timeout must be finite and >= 0, got " + newPeriod);
            }
            Double previous = period;
            period = newPeriod;
            if (pending != null) {
                if (newPeriod == null) {
                    try {
                        pending.cancel();
                    } catch (AlreadyCancelled | AlreadyCalled e) {
                        // Already gone: cancelling is what the caller wanted anyway.
                    }
                    pending = null;
                } else {
                    pending.reset(newPeriod);
                }
            } else if (newPeriod != null) {
                pending = clock.callLater(newPeriod, () -> {
                    pending = null;
                    owner.timeoutConnection();
                });
            }
            return previous;
        }

        void reset() {
            if (pending != null) {
                pending.reset(period);
            }
        }
    }
}
