package dev.twine.protocols.policies;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorTime;
import java.util.Objects;

/**
 * Closes connections that are idle, reading and writing nothing, for {@link #timeoutPeriod} seconds
 * (Twisted's {@code twisted.protocols.policies.TimeoutFactory}, semantics.md §3.7); default 30 minutes,
 * Twisted's {@code 30 * 60}. Each protocol is wrapped in a {@link TimeoutProtocol}.
 *
 * <p>Threading: reactor thread only.
 */
public class TimeoutFactory extends WrappingFactory {
    /** Twisted's default idle period, 30 minutes. */
    public static final double DEFAULT_TIMEOUT_PERIOD = 30 * 60;

    /** The idle period given to each new connection, in seconds. */
    public final double timeoutPeriod;
    private final IReactorTime clock;

    /** Wraps {@code wrappedFactory} with the default period. */
    public TimeoutFactory(IReactorTime clock, IProtocolFactory wrappedFactory) {
        this(clock, wrappedFactory, DEFAULT_TIMEOUT_PERIOD);
    }

    /** Wraps {@code wrappedFactory}; timers run on {@code clock} (the reactor, or a test Clock). */
    public TimeoutFactory(IReactorTime clock, IProtocolFactory wrappedFactory, double timeoutPeriod) {
        super(wrappedFactory);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeoutPeriod = timeoutPeriod;
    }

    @Override
    protected ProtocolWrapper wrapProtocol(IProtocol protocol) {
        return new TimeoutProtocol(this, protocol, timeoutPeriod);
    }

    /** Schedules {@code f} on this factory's clock (Twisted's overridable {@code callLater}). */
    public IDelayedCall callLater(double period, Runnable f) {
        return clock.callLater(period, f);
    }
}
