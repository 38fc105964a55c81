package dev.twine.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups comparable measurements and relates each to its Netty (or JDK) baseline in the same run.
 *
 * <p>A group is one benchmark shape, mode and set of non-variant parameters, for example "echo,
 * 64 B, 16 connections, throughput"; its members are the variants (Twine backends, Netty
 * transports). The baseline is the first variant present of {@link #BASELINES}: Netty epoll for
 * I/O and timers, Netty's JNI for native calls, {@code CompletableFuture} for Deferred. A group
 * without one (such as {@code getpid}, measured for Twine only) has no ratios.
 *
 * <p><b>Relative speed</b> is always "higher is better": score / baseline for throughput,
 * baseline / score for times. 1.00 means as fast as the baseline, 0.50 half as fast.
 */
public final class Comparison {

    /** Baseline variants, in order of preference. */
    static final List<String> BASELINES = List.of("netty-epoll", "nettyJni", "completableFuture");

    /** Display order of variants: Twine's first, then the references. */
    private static final List<String> VARIANT_ORDER = List.of(
            "select", "epoll", "kqueue", "iocp", "twineJnr", "twineSocketCalls", "deferred",
            "netty-nio", "netty-epoll", "netty-wheel", "nettyJni", "jdkNio", "completableFuture");

    private static final List<String> BENCHMARK_ORDER = List.of(
            "EchoBenchmark", "TimerBenchmark", "DeferredBenchmark", "NativeCallBenchmark");

    /**
     * One group of comparable measurements.
     *
     * @param members  the variants, Twine's first
     * @param baseline the reference member, or null
     */
    public record Group(List<Measurement> members, Measurement baseline) {

        /** Any member, for the group's shared fields. */
        public Measurement first() {
            return members.get(0);
        }

        /** {@code m}'s speed relative to the baseline (higher is better), NaN without a baseline. */
        public double relativeSpeed(Measurement m) {
            if (baseline == null || baseline.score() <= 0 || m.score() <= 0) {
                return Double.NaN;
            }
            return m.higherIsBetter() ? m.score() / baseline.score() : baseline.score() / m.score();
        }

        /** Baseline p99 / {@code m}'s p99 (higher is better), NaN unless both are sampled. */
        public double relativeP99(Measurement m) {
            if (baseline == null || !(baseline.p99() > 0) || !(m.p99() > 0)) {
                return Double.NaN;
            }
            return baseline.p99() / m.p99();
        }
    }

    private Comparison() {
    }

    /** The groups of {@code measurements}, in report order. */
    public static List<Group> group(List<Measurement> measurements) {
        Map<String, List<Measurement>> byKey = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            byKey.computeIfAbsent(m.groupKey(), k -> new ArrayList<>()).add(m);
        }
        List<Group> groups = new ArrayList<>();
        for (List<Measurement> members : byKey.values()) {
            members.sort(Comparator.comparingInt(m -> rank(VARIANT_ORDER, m.variant())));
            Measurement baseline = null;
            for (String b : BASELINES) {
                for (Measurement m : members) {
                    if (baseline == null && m.variant().equals(b)) {
                        baseline = m;
                    }
                }
            }
            groups.add(new Group(List.copyOf(members), baseline));
        }
        groups.sort(Comparator.<Group>comparingInt(g -> rank(BENCHMARK_ORDER, g.first().benchmark()))
                .thenComparing(g -> g.first().mode())
                .thenComparing(g -> g.first().shape())
                .thenComparing(Comparison::paramOrder));
        return groups;
    }

    /** Orders parameter sets numerically where the values are numbers (64 before 16384). */
    private static String paramOrder(Group g) {
        StringBuilder key = new StringBuilder();
        for (String v : g.first().params().values()) {
            key.append(v.matches("\\d+") ? String.format("%012d", Long.parseLong(v)) : v).append('|');
        }
        return key.toString();
    }

    private static int rank(List<String> order, String value) {
        int i = order.indexOf(value);
        return i < 0 ? order.size() : i;
    }

    /** A short human label for a group, e.g. {@code echo 64 B x 16 conn}. */
    public static String label(Measurement m) {
        Map<String, String> p = m.params();
        return switch (m.benchmark()) {
            case "EchoBenchmark" -> "echo " + bytes(p.get("size")) + " x " + p.get("connections") + " conn";
            case "TimerBenchmark" -> m.shape().equals("scheduleAndFire") ? "timers: schedule + fire" : "timers: schedule + cancel";
            case "DeferredBenchmark" -> m.shape().equals("chainThenFire") ? "10-step chain, then fire" : "fire, then 10-step chain";
            case "NativeCallBenchmark" -> switch (m.shape()) {
                case "trivialCall" -> "native trivial call";
                case "readEmpty" -> "native read, EAGAIN";
                default -> "native " + m.shape();
            };
            default -> m.benchmark() + "." + m.shape() + (p.isEmpty() ? "" : " " + p);
        };
    }

    private static String bytes(String size) {
        if (size == null) {
            return "?";
        }
        long n = Long.parseLong(size);
        return n >= 1024 && n % 1024 == 0 ? (n / 1024) + " KiB" : n + " B";
    }
}
