package dev.twine.protocols.policies;

import static dev.twine.protocols.policies.PolicyFixtures.PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IPushProducer;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.task.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.ProducerState;
import dev.twine.protocols.policies.PolicyFixtures.Recorder;
import org.junit.jupiter.api.Test;

/** ThrottlingFactory (Twisted's {@code test_policies.ThrottlingTests}, semantics.md §3.8), on a Clock. */
class ThrottlingFactoryTest {
    private final Clock clock = new Clock();

    private ThrottlingFactory factory(int max, Long readLimit, Long writeLimit) {
        return new ThrottlingFactory(clock, Factory.forProtocol(Recorder::new), max, readLimit, writeLimit);
    }

    /** A push producer that records whether it is paused. */
    static final class Producer implements IPushProducer {
        boolean paused;

        @Override
        public void pauseProducing() {
            paused = true;
        }

        @Override
        public void resumeProducing() {
            paused = false;
        }

        @Override
        public void stopProducing() {
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedUntilOneEnds() {
        ThrottlingFactory f = factory(2, null, null);
        IProtocol a = f.buildProtocol(PEER);
        a.makeConnection(new StringTransport());
        f.buildProtocol(PEER).makeConnection(new StringTransport());
        assertNull(f.buildProtocol(PEER), "a third connection is refused");
        a.connectionLost(new Failure(new ConnectionDone()));
        assertEquals(1, f.connectionCount());
        assertNotNull(f.buildProtocol(PEER));
    }

    @Test
    void readingOverTheLimitPausesEveryTransportForTheExcessThenResumes() {
        ThrottlingFactory f = factory(Integer.MAX_VALUE, 100L, null);
        StringTransport t1 = new StringTransport();
        StringTransport t2 = new StringTransport();
        IProtocol p1 = f.buildProtocol(PEER);
        p1.makeConnection(t1);
        f.buildProtocol(PEER).makeConnection(t2);
        PolicyFixtures.receive(p1, 250);
        clock.advance(1);
        // 250 bytes against 100 per second: paused for 250/100 - 1 = 1.5 s.
        assertTrue(f.readsThrottled());
        assertEquals(ProducerState.PAUSED, t1.producerState());
        assertEquals(ProducerState.PAUSED, t2.producerState());
        clock.advance(1.4);
        assertEquals(ProducerState.PAUSED, t1.producerState());
        clock.advance(0.1);
        assertEquals(ProducerState.PRODUCING, t1.producerState());
        assertEquals(ProducerState.PRODUCING, t2.producerState());
        assertFalse(f.readsThrottled());
    }

    @Test
    void readingWithinTheLimitNeverPauses() {
        ThrottlingFactory f = factory(Integer.MAX_VALUE, 100L, null);
        StringTransport t = new StringTransport();
        IProtocol p = f.buildProtocol(PEER);
        p.makeConnection(t);
        for (int i = 0; i < 5; i++) {
            PolicyFixtures.receive(p, 100);
            clock.advance(1);
            assertEquals(ProducerState.PRODUCING, t.producerState(), "second " + i);
        }
    }

    @Test
    void aConnectionMadeWhileReadsAreThrottledStartsPaused() {
        ThrottlingFactory f = factory(Integer.MAX_VALUE, 10L, null);
        IProtocol p = f.buildProtocol(PEER);
        p.makeConnection(new StringTransport());
        PolicyFixtures.receive(p, 100);
        clock.advance(1);
        StringTransport late = new StringTransport();
        f.buildProtocol(PEER).makeConnection(late);
        assertEquals(ProducerState.PAUSED, late.producerState());
    }

    @Test
    void writingOverTheLimitPausesTheRegisteredPushProducersThenResumesThem() {
        Recorder inner = new Recorder();
        ThrottlingFactory g = new ThrottlingFactory(clock, Factory.forProtocol(() -> inner), Integer.MAX_VALUE, null, 10L);
        g.buildProtocol(PEER).makeConnection(new StringTransport());
        Producer producer = new Producer();
        inner.transport.registerProducer(producer, true);
        inner.transport.write(new byte[30]);
        clock.advance(1);
        assertTrue(producer.paused);
        assertTrue(g.writesThrottled());
        clock.advance(2);
        assertFalse(producer.paused, "resumed after 30/10 - 1 = 2 s");
        assertFalse(g.writesThrottled());
    }

    @Test
    void theTimersStopWhenTheLastConnectionEnds() {
        ThrottlingFactory f = factory(Integer.MAX_VALUE, 10L, 10L);
        IProtocol p = f.buildProtocol(PEER);
        p.makeConnection(new StringTransport());
        assertEquals(2, clock.getDelayedCalls().size(), "one check per limit, every second");
        PolicyFixtures.receive(p, 100);
        clock.advance(1);
        p.connectionLost(new Failure(new ConnectionDone()));
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void noTimerRunsWithoutLimits() {
        ThrottlingFactory f = factory(5, null, null);
        f.buildProtocol(PEER).makeConnection(new StringTransport());
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void nonsensicalLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> factory(0, null, null));
        assertThrows(IllegalArgumentException.class, () -> factory(1, 0L, null));
        assertThrows(IllegalArgumentException.class, () -> factory(1, null, -5L));
    }
}
