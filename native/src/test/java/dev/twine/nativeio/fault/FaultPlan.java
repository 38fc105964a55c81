package dev.twine.nativeio.fault;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which system calls fail, how, and how often: a deterministic schedule of injected faults for the
 * decorators in this package.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.seeded(42);
 * plan.on(Call.WRITE).shortIo(0.3).eintr(0.1).eagain(0.1)
 *     .on(Call.READ).shortIo(0.3).eintr(0.1)
 *     .on(Call.ACCEPT).emfile(1.0).atMost(3);
 * }</pre>
 *
 * <p><b>Determinism.</b> Every decision is drawn from one {@link SplittableRandom} seeded by
 * {@link #seeded}, one draw per call that has rules, so the same seed and the same sequence of calls
 * give the same faults; a failing run is replayed by its seed (which {@link #toString()} names). The
 * draw picks at most one fault: the probabilities of one call's faults are stacked in the order of
 * {@link Fault}'s constants and must sum to at most 1.
 *
 * <p><b>Limits.</b> {@link Rules#after(long)} lets the first calls through (for example while
 * connections are being set up); {@link Rules#atMost(long)} stops injecting after that many faults;
 * {@link #disarm()} and {@link #arm()} switch the whole plan off and on. {@code EINTR} must stay
 * below probability 1, since the binding wrapper retries it and would never finish.
 *
 * <p><b>Threading.</b> Every method is synchronized, so a test may change rules or read counters
 * from its own thread while the reactor thread makes calls; determinism holds for calls made from
 * one thread.
 */
public final class FaultPlan {

    private final long seed;
    private final SplittableRandom random;
    private final Map<Call, Rules> rules = new EnumMap<>(Call.class);
    private final long[][] injected = new long[Call.values().length][Fault.values().length];
    private final long[] calls = new long[Call.values().length];
    private boolean armed = true;

    private FaultPlan(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** An armed plan with no rules yet, drawing from {@code seed}. */
    public static FaultPlan seeded(long seed) {
        return new FaultPlan(seed);
    }

    /** The rules for {@code call}, created empty on first use. */
    public synchronized Rules on(Call call) {
        return rules.computeIfAbsent(call, Rules::new);
    }

    /** Stops injecting until {@link #arm()}; calls pass straight through (and are not counted). */
    public synchronized FaultPlan disarm() {
        armed = false;
        return this;
    }

    /** Injects again after {@link #disarm()}. Plans start armed. */
    public synchronized FaultPlan arm() {
        armed = true;
        return this;
    }

    /** How many times {@code fault} was injected into {@code call}. */
    public synchronized long injected(Call call, Fault fault) {
        return injected[call.ordinal()][fault.ordinal()];
    }

    /** How many faults were injected into {@code call}, of any kind. */
    public synchronized long injected(Call call) {
        long total = 0;
        for (long count : injected[call.ordinal()]) {
            total += count;
        }
        return total;
    }

    /** How many calls of this kind were seen while armed (with or without a fault). */
    public synchronized long calls(Call call) {
        return calls[call.ordinal()];
    }

    /**
     * Decides the fault for one call, or {@code null} to make it normally.
     *
     * @param canShorten false when the call's length is too small to be cut ({@code <= 1} byte);
     *                   a drawn {@link Fault#SHORT_IO} then becomes no fault
     */
    synchronized Fault decide(Call call, boolean canShorten) {
        Rules rule = rules.get(call);
        if (!armed || rule == null) {
            return null;
        }
        long seen = calls[call.ordinal()]++;
        if (seen < rule.skip || rule.injected >= rule.limit) {
            return null;
        }
        double draw = random.nextDouble();
        double threshold = 0;
        for (Fault fault : Fault.values()) {
            threshold += rule.probability[fault.ordinal()];
            if (draw < threshold) {
                if (fault == Fault.SHORT_IO && !canShorten) {
                    return null;
                }
                rule.injected++;
                injected[call.ordinal()][fault.ordinal()]++;
                return fault;
            }
        }
        return null;
    }

    /** A length for a short transfer: uniform in {@code [1, length - 1]}; needs {@code length > 1}. */
    synchronized long shortLength(long length) {
        return 1 + random.nextLong(length - 1);
    }

    @Override
    public synchronized String toString() {
        return "FaultPlan[seed=" + seed + (armed ? "" : ", disarmed") + ", rules=" + rules.values() + "]";
    }

    /** The faults of one call. Changes take effect from the next call. */
    public final class Rules {
        private final Call call;
        private final double[] probability = new double[Fault.values().length];
        private long skip;
        private long limit = Long.MAX_VALUE;
        private long injected;

        private Rules(Call call) {
            this.call = call;
        }

        /** Fails with {@code EAGAIN} with probability {@code p}. */
        public Rules eagain(double p) {
            return set(Fault.EAGAIN, p);
        }

        /** Fails with {@code EINTR} with probability {@code p} (below 1). */
        public Rules eintr(double p) {
            if (p >= 1) {
                throw new IllegalArgumentException("EINTR is retried; probability 1 would never finish");
            }
            return set(Fault.EINTR, p);
        }

        /** Transfers fewer bytes than asked with probability {@code p}. */
        public Rules shortIo(double p) {
            return set(Fault.SHORT_IO, p);
        }

        /** Fails with {@code ECONNRESET} with probability {@code p}. */
        public Rules econnreset(double p) {
            return set(Fault.ECONNRESET, p);
        }

        /** Fails with {@code EPIPE} with probability {@code p}. */
        public Rules epipe(double p) {
            return set(Fault.EPIPE, p);
        }

        /** Fails with {@code EMFILE} with probability {@code p}. */
        public Rules emfile(double p) {
            return set(Fault.EMFILE, p);
        }

        /** Lets the first {@code calls} calls through untouched. */
        public Rules after(long calls) {
            synchronized (FaultPlan.this) {
                this.skip = calls;
            }
            return this;
        }

        /** Injects at most {@code faults} faults into this call, then lets every call through. */
        public Rules atMost(long faults) {
            synchronized (FaultPlan.this) {
                this.limit = faults;
            }
            return this;
        }

        /** The rules of another call, to keep chaining. */
        public Rules on(Call other) {
            return FaultPlan.this.on(other);
        }

        /** The plan these rules belong to. */
        public FaultPlan plan() {
            return FaultPlan.this;
        }

        private Rules set(Fault fault, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
            }
            if (!call.canFailWith(fault)) {
                throw new IllegalArgumentException(call + " cannot fail with " + fault);
            }
            synchronized (FaultPlan.this) {
                double total = p;
                for (Fault other : Fault.values()) {
                    if (other != fault) {
                        total += probability[other.ordinal()];
                    }
                }
                if (total > 1 + 1e-9) {
                    throw new IllegalArgumentException(call + ": probabilities sum to " + total + " > 1");
                }
                probability[fault.ordinal()] = p;
            }
            return this;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(call.name()).append('{');
            for (Fault fault : Fault.values()) {
                if (probability[fault.ordinal()] > 0) {
                    text.append(fault).append('=').append(probability[fault.ordinal()]).append(' ');
                }
            }
            return text.append("after=").append(skip).append(" atMost=").append(limit).append('}').toString();
        }
    }
}
