package dev.twine.protocols.policies;

import dev.twine.defer.Failure;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IProtocol;
import dev.twine.internet.error.AlreadyCalled;
import dev.twine.internet.error.AlreadyCancelled;
import java.nio.ByteBuffer;

/**
 * The wrapper made by {@link TimeoutFactory} (Twisted's {@code policies.TimeoutProtocol}, semantics.md
 * semantics.md §3.7). Its timer starts when it is built; every read and every write restarts it; when it fires the
 * connection is closed with {@code loseConnection}; the end of the connection cancels it.
 * {@link #cancelTimeout()} is safe whether the timer is pending, has fired or was cancelled.
 *
 * <p>Threading: reactor thread only.
 */
public class TimeoutProtocol extends ProtocolWrapper {
    private final TimeoutFactory timeoutFactory;
    private IDelayedCall timeoutCall;
    private Double timeoutPeriod;

    public TimeoutProtocol(TimeoutFactory factory, IProtocol wrappedProtocol, Double timeoutPeriod) {
        super(factory, wrappedProtocol);
        this.timeoutFactory = factory;
        setTimeout(timeoutPeriod);
    }

    /** Cancels the current timer and, unless {@code period} is null, starts a new one. */
    public void setTimeout(Double period) {
        cancelTimeout();
        timeoutPeriod = period;
        if (period != null) {
            timeoutCall = timeoutFactory.callLater(period, this::timeoutFunc);
        }
    }

    /** Cancels the timer, if any; harmless after it fired or was cancelled. */
    public void cancelTimeout() {
        timeoutPeriod = null;
        if (timeoutCall != null) {
            try {
                timeoutCall.cancel();
            } catch (AlreadyCalled | AlreadyCancelled e) {
                // It already ran or was cancelled: there is nothing left to cancel.
            }
            timeoutCall = null;
        }
    }

    /** Restarts a pending timer from now. */
    public void resetTimeout() {
        if (timeoutCall != null && timeoutCall.active()) {
            timeoutCall.reset(timeoutPeriod);
        }
    }

    @Override
    public void write(byte[] data) {
        resetTimeout();
        super.write(data);
    }

    @Override
    public void write(ByteBuffer data) {
        resetTimeout();
        super.write(data);
    }

    @Override
    public void writeSequence(Iterable<byte[]> data) {
        resetTimeout();
        super.writeSequence(data);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        resetTimeout();
        super.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        cancelTimeout();
        super.connectionLost(reason);
    }

    /** The connection was idle for the whole period: close it. */
    protected void timeoutFunc() {
        loseConnection();
    }
}
