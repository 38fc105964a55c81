package dev.twine.nativeio.fault;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan's schedule: deterministic by seed, bounded by its limits, validated when built. */
class FaultPlanTest {

    private static List<Fault> schedule(FaultPlan plan, int calls) {
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            faults.add(plan.decide(Call.WRITE, true));
        }
        return faults;
    }

    private static FaultPlan writes(long seed) {
        return FaultPlan.seeded(seed).on(Call.WRITE).shortIo(0.3).eintr(0.1).eagain(0.1).plan();
    }

    @Test
    void theSameSeedGivesTheSameFaults() {
        assertEquals(schedule(writes(42), 1000), schedule(writes(42), 1000));
        assertNotEquals(schedule(writes(42), 1000), schedule(writes(43), 1000));
    }

    @Test
    void faultsComeRoughlyAtTheirProbabilities() {
        FaultPlan plan = writes(7);
        schedule(plan, 10_000);
        assertEquals(10_000, plan.calls(Call.WRITE));
        assertTrue(Math.abs(plan.injected(Call.WRITE, Fault.SHORT_IO) - 3000) < 300);
        assertTrue(Math.abs(plan.injected(Call.WRITE, Fault.EINTR) - 1000) < 200);
        assertTrue(Math.abs(plan.injected(Call.WRITE, Fault.EAGAIN) - 1000) < 200);
        assertEquals(0, plan.injected(Call.WRITE, Fault.EPIPE));
        assertEquals(0, plan.calls(Call.READ), "calls without rules are not counted");
    }

    @Test
    void callsWithoutRulesAndDisarmedPlansInjectNothing() {
        FaultPlan plan = writes(1);
        assertNull(plan.decide(Call.READ, true));
        plan.on(Call.READ).eagain(1.0);
        plan.disarm();
        assertNull(plan.decide(Call.READ, true));
        plan.arm();
        assertEquals(Fault.EAGAIN, plan.decide(Call.READ, true));
    }

    @Test
    void afterLetsTheFirstCallsThroughAndAtMostCapsTheFaults() {
        FaultPlan plan = FaultPlan.seeded(3);
        plan.on(Call.ACCEPT).emfile(1.0).after(2).atMost(3);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            faults.add(plan.decide(Call.ACCEPT, false));
        }
        assertEquals(java.util.Arrays.asList(null, null, Fault.EMFILE, Fault.EMFILE, Fault.EMFILE, null, null, null),
                faults);
        assertEquals(3, plan.injected(Call.ACCEPT));
    }

    @Test
    void aShortTransferThatCannotBeShortenedIsNoFault() {
        FaultPlan plan = FaultPlan.seeded(5);
        plan.on(Call.READ).shortIo(1.0);
        assertNull(plan.decide(Call.READ, false));
        assertEquals(0, plan.injected(Call.READ));
        assertEquals(Fault.SHORT_IO, plan.decide(Call.READ, true));
    }

    @Test
    void shortLengthsAreStrictlyBetweenZeroAndTheLength() {
        FaultPlan plan = FaultPlan.seeded(9);
        for (int i = 0; i < 1000; i++) {
            long length = 2 + i % 50;
            long cut = plan.shortLength(length);
            assertTrue(cut >= 1 && cut < length, cut + " of " + length);
        }
    }

    @Test
    void rulesAreValidated() {
        FaultPlan plan = FaultPlan.seeded(0);
        assertThrows(IllegalArgumentException.class, () -> plan.on(Call.READ).epipe(0.1), "read cannot EPIPE");
        assertThrows(IllegalArgumentException.class, () -> plan.on(Call.EPOLL_WAIT).eagain(0.1));
        assertThrows(IllegalArgumentException.class, () -> plan.on(Call.WRITE).eintr(1.0), "EINTR forever");
        assertThrows(IllegalArgumentException.class, () -> plan.on(Call.WRITE).eagain(-0.1));
        assertThrows(IllegalArgumentException.class, () -> plan.on(Call.WRITE).eagain(Double.NaN));
        plan.on(Call.WRITE).eagain(0.6);
        assertThrows(IllegalArgumentException.class, () -> plan.on(Call.WRITE).shortIo(0.5), "sum over 1");
        plan.on(Call.WRITE).eagain(0.5).shortIo(0.5);
        assertTrue(plan.toString().contains("seed=0"), plan.toString());
    }
}
