package dev.twine.protocols.policies;

import static dev.twine.protocols.policies.PolicyFixtures.PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.task.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.protocols.policies.PolicyFixtures.Recorder;
import org.junit.jupiter.api.Test;

/** TimeoutFactory and TimeoutProtocol (Twisted's {@code test_policies.TimeoutFactoryTests}, semantics.md §3.7). */
class TimeoutFactoryTest {
    private final Clock clock = new Clock();
    private final Recorder inner = new Recorder();
    private final TimeoutFactory factory = new TimeoutFactory(clock, Factory.forProtocol(() -> inner), 3);
    private final StringTransport transport = new StringTransport();
    private final TimeoutProtocol proto = (TimeoutProtocol) factory.buildProtocol(PEER);

    @Test
    void theDefaultPeriodIsThirtyMinutes() {
        assertEquals(30 * 60, new TimeoutFactory(clock, Factory.forProtocol(Recorder::new)).timeoutPeriod);
    }

    @Test
    void anIdleConnectionIsClosedAfterThePeriod() {
        // test_timeout.
        proto.makeConnection(transport);
        clock.pump(0, 0.5, 1, 1);
        assertFalse(transport.isDisconnecting());
        clock.pump(0, 1);
        assertTrue(transport.isDisconnecting());
    }

    @Test
    void readingRestartsTheTimer() {
        // test_sendAvoidsTimeout's read half.
        proto.makeConnection(transport);
        clock.advance(2);
        PolicyFixtures.receive(proto, 1);
        clock.advance(2);
        assertFalse(transport.isDisconnecting());
        clock.advance(1);
        assertTrue(transport.isDisconnecting());
    }

    @Test
    void writingRestartsTheTimer() {
        // test_sendAvoidsTimeout: write and writeSequence both count.
        proto.makeConnection(transport);
        clock.advance(2);
        inner.transport.write("a".getBytes());
        clock.advance(2);
        inner.transport.writeSequence(java.util.List.of("b".getBytes()));
        clock.advance(2);
        assertFalse(transport.isDisconnecting());
        clock.advance(1);
        assertTrue(transport.isDisconnecting());
    }

    @Test
    void theEndOfTheConnectionCancelsTheTimer() {
        proto.makeConnection(transport);
        proto.connectionLost(new Failure(new ConnectionDone()));
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void cancelTimeoutIsSafeAfterTheTimerFiredOrWasCancelled() {
        // TimeoutProtocolTests.test_cancelTimeout*.
        proto.makeConnection(transport);
        clock.advance(3);
        proto.cancelTimeout();
        proto.cancelTimeout();
        proto.setTimeout(1.0);
        proto.cancelTimeout();
        proto.cancelTimeout();
        assertTrue(clock.getDelayedCalls().isEmpty());
    }
}
