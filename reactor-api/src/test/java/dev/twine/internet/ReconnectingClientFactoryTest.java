package dev.twine.internet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.task.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ReconnectingClientFactory on an injected {@link Clock} (Twisted's
 * {@code test_protocols.ReconnectingFactoryTests} and {@code test_factories}, semantics.md §3.9).
 */
class ReconnectingClientFactoryTest {
    private static final Failure REFUSED = new Failure(new ConnectionRefusedError());
    private final Clock clock = new Clock();
    private final RecordingConnector connector = new RecordingConnector();

    private ReconnectingClientFactory factory(double jitter) {
        ReconnectingClientFactory f = new ReconnectingClientFactory();
        f.clock = clock;
        f.jitter = jitter;
        f.noisy = false;
        return f;
    }

    @Test
    void defaultsAreTwisteds() {
        ReconnectingClientFactory f = new ReconnectingClientFactory();
        assertEquals(1.0, f.initialDelay);
        assertEquals(1.0, f.delay);
        assertEquals(Math.E, f.factor);
        assertEquals(0.11962656472, f.jitter);
        assertEquals(3600, f.maxDelay);
        assertNull(f.maxRetries, "unlimited retries");
        assertTrue(f.continueTrying);
    }

    @Test
    void aFailedAttemptIsRetriedAfterADelayThatGrowsByTheFactor() {
        ReconnectingClientFactory f = factory(0);
        f.clientConnectionFailed(connector, REFUSED);
        clock.advance(Math.E - 0.001);
        assertEquals(0, connector.connects, "not before e seconds");
        clock.advance(0.001);
        assertEquals(1, connector.connects);
        f.clientConnectionFailed(connector, REFUSED);
        clock.advance(Math.E * Math.E - 0.001);
        assertEquals(1, connector.connects, "not before e squared seconds");
        clock.advance(0.002);
        assertEquals(2, connector.connects);
        assertEquals(2, f.retries);
    }

    @Test
    void aLostConnectionIsReconnectedToo() {
        ReconnectingClientFactory f = factory(0);
        f.clientConnectionLost(connector, new Failure(new ConnectionDone()));
        clock.advance(Math.E);
        assertEquals(1, connector.connects);
    }

    @Test
    void theDelayNeverExceedsMaxDelay() {
        ReconnectingClientFactory f = factory(0);
        for (int i = 0; i < 20; i++) {
            f.clientConnectionFailed(connector, REFUSED);
            clock.advance(f.delay);
        }
        assertEquals(3600, f.delay);
        assertEquals(20, connector.connects);
    }

    @Test
    void jitterDrawsTheDelayFromANormalDistributionAroundTheGrownDelay() {
        ReconnectingClientFactory f = factory(0.11962656472);
        f.random = new Random(42);
        double z = new Random(42).nextGaussian();
        f.clientConnectionFailed(connector, REFUSED);
        double expected = Math.E + z * Math.E * 0.11962656472;
        assertEquals(expected, f.delay, 1e-12);
        assertEquals(expected, clock.getDelayedCalls().get(0).getTime(), 1e-12);
    }

    @Test
    void givesUpAfterMaxRetries() {
        ReconnectingClientFactory f = factory(0);
        f.maxRetries = 2;
        for (int i = 0; i < 3; i++) {
            f.clientConnectionFailed(connector, REFUSED);
            clock.advance(100);
        }
        assertEquals(2, connector.connects);
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void stopTryingCancelsThePendingRetryAndNothingIsRetriedAfterwards() {
        // test_stopTryingDoesNotReconnect.
        ReconnectingClientFactory f = factory(0);
        f.clientConnectionFailed(connector, REFUSED);
        f.stopTrying();
        assertTrue(clock.getDelayedCalls().isEmpty());
        f.clientConnectionFailed(connector, REFUSED);
        clock.advance(10_000);
        assertEquals(0, connector.connects);
        assertFalse(f.continueTrying);
    }

    @Test
    void stopTryingStopsAConnectInProgress() {
        // test_stopTryingWhenConnected: a connector that is not connecting is left alone.
        ReconnectingClientFactory f = factory(0);
        f.clientConnectionFailed(connector, REFUSED);
        clock.advance(Math.E);
        assertTrue(connector.connecting);
        f.stopTrying();
        assertEquals(1, connector.stops);
        f.stopTrying();
        assertEquals(1, connector.stops, "NotConnectingError is swallowed");
    }

    @Test
    void resetDelayRestoresTheInitialDelayAndTurnsRetryingBackOn() {
        ReconnectingClientFactory f = factory(0);
        f.clientConnectionFailed(connector, REFUSED);
        clock.advance(Math.E);
        f.stopTrying();
        f.resetDelay();
        assertEquals(1.0, f.delay);
        assertEquals(0, f.retries);
        assertTrue(f.continueTrying);
        f.clientConnectionFailed(connector, REFUSED);
        clock.advance(Math.E);
        assertEquals(2, connector.connects);
    }

    @Test
    void retryWithNoConnectorIsAClearError() {
        assertThrows(IllegalStateException.class, () -> factory(0).retry());
    }

    @Test
    void theDelayIsNeverNegativeWhateverTheJitter() {
        ReconnectingClientFactory f = factory(1000);
        f.random = new Random(7);
        for (int i = 0; i < 50; i++) {
            f.clientConnectionFailed(connector, REFUSED);
            assertTrue(f.delay >= 0, "delay " + f.delay);
            clock.advance(f.delay);
            f.delay = 1;
        }
    }
}
