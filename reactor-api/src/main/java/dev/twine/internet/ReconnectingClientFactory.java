package dev.twine.internet;

import dev.twine.defer.Failure;
import dev.twine.internet.error.NotConnectingError;
import java.lang.System.Logger.Level;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A client factory that reconnects with exponential back-off (Twisted's
 * {@code twisted.internet.protocol.ReconnectingClientFactory}, semantics.md §3.9).
 *
 * <p>After every failed attempt and every lost connection it calls {@link #retry()}, which multiplies
 * {@link #delay} by {@link #factor}, caps it at {@link #maxDelay}, draws the actual delay from a normal
 * distribution with that mean and a standard deviation of {@code delay * jitter} (Twisted's
 * {@code random.normalvariate}; Twine also keeps it at 0 or above, since its clocks refuse negative
 * delays), and calls {@code connector.connect()} that many seconds later on {@link #clock}. With
 * Twisted's defaults the first retry comes after about e seconds, then e², and so on up to an hour.
 *
 * <p>Defaults, all Twisted's: {@link #initialDelay} 1 s, {@link #factor} e, {@link #jitter}
 * 0.11962656472, {@link #maxDelay} 3600 s, {@link #maxRetries} unlimited (null). The fields are public,
 * as Twisted's class attributes are; change them before the first connection.
 *
 * <ul>
 *   <li>Call {@link #resetDelay()} once a connection has succeeded (typically in {@code buildProtocol}),
 *       or the next loss waits as long as the last failure did.</li>
 *   <li>{@link #stopTrying()} cancels a pending retry, stops a connect in progress (a connector that is
 *       not connecting is ignored), and turns off further retries; {@link #resetDelay()} turns them on
 *       again.</li>
 *   <li>After {@link #maxRetries} retries it gives up (logging "Abandoning").</li>
 *   <li>{@link #clock} is the reactor by default ({@link Reactors#reactor()}); tests inject a
 *       {@link dev.twine.internet.task.Clock}, and {@link #random} a seeded {@link Random}.</li>
 * </ul>
 *
 * <p>Threading: reactor thread only (the clock's thread).
 */
public class ReconnectingClientFactory extends ClientFactory {
    private static final System.Logger LOG = System.getLogger(ReconnectingClientFactory.class.getName());

    /** The longest delay between attempts, in seconds; Twisted's 3600. */
    public double maxDelay = 3600;
    /** The delay after {@link #resetDelay()}, in seconds; Twisted's 1.0. */
    public double initialDelay = 1.0;
    /** How much the delay grows after each attempt; Twisted's e. */
    public double factor = Math.E;
    /** The standard deviation of the delay, as a fraction of it; Twisted's 0.11962656472. 0 turns it off. */
    public double jitter = 0.11962656472;
    /** The current delay, in seconds. */
    public double delay = initialDelay;
    /** Retries since the last {@link #resetDelay()}. */
    public int retries;
    /** Give up after this many retries; null (Twisted's None) means never. */
    public Integer maxRetries;
    /** Where retries are scheduled; null means {@link Reactors#reactor()}, looked up at the first retry. */
    public IReactorTime clock;
    /** The source of the jitter. */
    public Random random = new Random();
    /** False after {@link #stopTrying()}. */
    public boolean continueTrying = true;
    /** The connector of the last failed or lost connection, retried by {@link #retry()}. */
    public IConnector connector;

    private IDelayedCall callID;

    public ReconnectingClientFactory() {
    }

    public ReconnectingClientFactory(Supplier<? extends IProtocol> protocol) {
        super(protocol);
    }

    /** Retries, unless {@link #stopTrying()} was called. */
    @Override
    public void clientConnectionFailed(IConnector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    /** Reconnects, unless {@link #stopTrying()} was called. */
    @Override
    public void clientConnectionLost(IConnector connector, Failure reason) {
        if (continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    /** {@link #retry(IConnector)} with the last connector. */
    public void retry() {
        retry(null);
    }

    /**
     * Schedules {@code connector.connect()} after the next delay (see the class comment).
     *
     * @param connector the connector, or null for {@link #connector}
     * @throws IllegalStateException if both are null (Twisted: "no connector to retry")
     */
    public void retry(IConnector connector) {
        if (!continueTrying) {
            if (noisy) {
                LOG.log(Level.INFO, "Abandoning {0} on explicit request", connector);
            }
            return;
        }
        IConnector target = connector != null ? connector : this.connector;
        if (target == null) {
            throw new IllegalStateException("no connector to retry");
        }
        retries++;
        if (maxRetries != null && retries > maxRetries) {
            if (noisy) {
                LOG.log(Level.INFO, "Abandoning {0} after {1} retries.", target, retries);
            }
            return;
        }
        delay = Math.min(delay * factor, maxDelay);
        if (jitter != 0) {
            delay = Math.max(0, delay + random.nextGaussian() * delay * jitter);
        }
        if (noisy) {
            LOG.log(Level.INFO, "{0} will retry in {1} seconds", target, (long) delay);
        }
        if (clock == null) {
            clock = Reactors.reactor();
        }
        callID = clock.callLater(delay, () -> {
            callID = null;
            target.connect();
        });
    }

    /**
     * Stops reconnecting: cancels a pending retry, stops a connect in progress, and makes later failures
     * and losses final.
     */
    public void stopTrying() {
        if (callID != null) {
            callID.cancel();
            callID = null;
        }
        continueTrying = false;
        if (connector != null) {
            try {
                connector.stopConnecting();
            } catch (NotConnectingError e) {
                // Connected or idle: nothing to stop, as in Twisted.
            }
        }
    }

    /** Back to the initial delay and zero retries, with retrying turned on again. */
    public void resetDelay() {
        delay = initialDelay;
        retries = 0;
        callID = null;
        continueTrying = true;
    }
}
