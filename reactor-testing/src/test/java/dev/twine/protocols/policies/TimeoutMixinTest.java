package dev.twine.protocols.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.Protocol;
import dev.twine.internet.task.Clock;
import dev.twine.testing.StringTransport;
import org.junit.jupiter.api.Test;

/** TimeoutMixin (Twisted's {@code test_policies.TimeoutMixinTests}, semantics.md §3.6). */
class TimeoutMixinTest {

    /** Twisted's TimeoutTester: records the timeout instead of closing. */
    static final class TimeoutTester extends Protocol implements TimeoutMixin {
        final TimeoutMixin.Timer timer;
        boolean timedOut;

        TimeoutTester(Clock clock) {
            timer = new TimeoutMixin.Timer(clock);
        }

        @Override
        public TimeoutMixin.Timer timeoutTimer() {
            return timer;
        }

        @Override
        public void connectionMade() {
            setTimeout(3.0);
        }

        @Override
        public void dataReceived(byte[] data) {
            resetTimeout();
        }

        @Override
        public void timeoutConnection() {
            timedOut = true;
        }
    }

    private final Clock clock = new Clock();
    private final TimeoutTester proto = new TimeoutTester(clock);

    @Test
    void timesOutAfterThePeriodWithoutActivity() {
        // test_timeout: pump [0, 0.5, 1, 1] is 2.5 s, not yet; [0, 1] more passes 3 s.
        proto.makeConnection(new StringTransport());
        clock.pump(0, 0.5, 1, 1);
        assertFalse(proto.timedOut);
        clock.pump(0, 1);
        assertTrue(proto.timedOut);
    }

    @Test
    void activityRestartsTheTimer() {
        // test_noTimeout.
        proto.makeConnection(new StringTransport());
        clock.pump(0, 0.5, 1, 1);
        proto.dataReceived(new byte[] {'x'});
        clock.pump(0, 1, 1);
        assertFalse(proto.timedOut, "3 s since the start, but only 2 since the data");
        clock.pump(0, 1);
        assertTrue(proto.timedOut);
    }

    @Test
    void setTimeoutReturnsThePreviousPeriodAndNullCancels() {
        // test_return and test_noTimeout's cancellation.
        proto.makeConnection(new StringTransport());
        assertEquals(3.0, proto.setTimeout(5.0));
        assertEquals(5.0, proto.setTimeout(null));
        assertNull(proto.timeOut());
        clock.advance(100);
        assertFalse(proto.timedOut);
        assertNull(proto.setTimeout(null), "cancelling twice is harmless");
    }

    @Test
    void aNewPeriodRestartsAPendingTimerFromNow() {
        // test_modifyTimeout.
        proto.makeConnection(new StringTransport());
        clock.advance(2);
        proto.setTimeout(1.0);
        clock.advance(0.9);
        assertFalse(proto.timedOut);
        clock.advance(0.1);
        assertTrue(proto.timedOut);
    }

    @Test
    void resetTimeoutWithNothingPendingDoesNothing() {
        proto.resetTimeout();
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void setTimeoutAfterTheTimerFiredStartsANewOne() {
        proto.makeConnection(new StringTransport());
        clock.advance(3);
        assertTrue(proto.timedOut);
        proto.timedOut = false;
        proto.setTimeout(2.0);
        clock.advance(2);
        assertTrue(proto.timedOut);
    }

    @Test
    void theDefaultTimeoutConnectionLosesTheConnection() {
        class Plain extends Protocol implements TimeoutMixin {
            final TimeoutMixin.Timer timer = new TimeoutMixin.Timer(clock);

            @Override
            public TimeoutMixin.Timer timeoutTimer() {
                return timer;
            }
        }
        Plain p = new Plain();
        StringTransport t = new StringTransport();
        p.makeConnection(t);
        p.setTimeout(1.0);
        clock.advance(1);
        assertTrue(t.isDisconnecting());
    }

    @Test
    void aNegativeOrNaNPeriodIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> proto.setTimeout(-1.0));
        assertThrows(IllegalArgumentException.class, () -> proto.setTimeout(Double.NaN));
    }
}
