package dev.twine.bench.report;

import dev.twine.bench.idle.IdleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Markdown form of a {@link Report}: one table per benchmark and mode, every row a stack, with
 * its speed relative to the Netty baseline of the same run, then the idle-connection table and the
 * issue's targets checked against these figures.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(Report report) {
        StringBuilder out = new StringBuilder();
        Environment env = report.environment();
        out.append("# Twine benchmark report\n\n");
        out.append("| | |\n|---|---|\n");
        row(out, "date", env.date());
        row(out, "mode", env.mode());
        row(out, "OS / arch", env.os() + " / " + env.arch());
        row(out, "JDK", env.jdk());
        row(out, "CPUs", env.cpus() + " (" + env.cpuModel() + ")");
        row(out, "commit", env.commit());
        row(out, "load average before / after", env.loadBefore() + " / " + report.loadAfter());
        out.append('\n');
        out.append("Relative speed is always *higher is better* and taken against the baseline measured in this run ")
                .append("(Netty epoll for I/O and timers, Netty JNI for native calls, CompletableFuture for Deferred): ")
                .append("`1.00x` is as fast, `0.50x` half as fast. `±` is JMH's 99.9% confidence half-width.\n\n");
        for (Map.Entry<String, String> e : report.skipped().entrySet()) {
            out.append("- skipped `").append(e.getKey()).append("`: ").append(e.getValue()).append('\n');
        }
        if (!report.skipped().isEmpty()) {
            out.append('\n');
        }
        List<Comparison.Group> groups = report.groups();
        echoThroughput(out, select(groups, "EchoBenchmark", "thrpt"));
        echoLatency(out, select(groups, "EchoBenchmark", "sample"));
        times(out, "Timers (10^5 per operation)", "scheduler", "ns/timer", "B/timer", select(groups, "TimerBenchmark", "avgt"));
        times(out, "Deferred: 10-step callback chain", "implementation", "ns/chain", "B/chain", select(groups, "DeferredBenchmark", "avgt"));
        times(out, "Native call cost", "binding", "ns/call", "B/call", select(groups, "NativeCallBenchmark", "avgt"));
        AllocationSection.render(out, report.serverAllocation());
        idle(out, report.idle());
        targets(out, groups, report.idle());
        AllocationSection.target(out, report.serverAllocation());
        return out.toString();
    }

    private static void row(StringBuilder out, String k, String v) {
        out.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static List<Comparison.Group> select(List<Comparison.Group> groups, String benchmark, String mode) {
        List<Comparison.Group> out = new ArrayList<>();
        for (Comparison.Group g : groups) {
            if (g.first().benchmark().equals(benchmark) && g.first().mode().equals(mode)) {
                out.add(g);
            }
        }
        return out;
    }

    private static double connections(Measurement m) {
        String c = m.params().get("connections");
        return c == null ? 1 : Double.parseDouble(c);
    }

    private static Measurement member(Comparison.Group g, String variant) {
        for (Measurement m : g.members()) {
            if (m.variant().equals(variant)) {
                return m;
            }
        }
        return null;
    }

    /** {@code m}'s relative speed against {@code variant} in the same group, NaN if absent. */
    private static double against(Comparison.Group g, Measurement m, String variant) {
        Measurement ref = member(g, variant);
        if (ref == null) {
            return Double.NaN;
        }
        return new Comparison.Group(g.members(), ref).relativeSpeed(m);
    }

    private static void echoThroughput(StringBuilder out, List<Comparison.Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        out.append("## Loopback echo: throughput\n\n");
        out.append("One operation is one message on every connection, all echoed back; messages/s = ops/s x connections. ")
                .append("B/msg is allocation per message in the whole JVM (server and the blocking JDK client), from `-prof gc`.\n\n");
        out.append("| case | stack | msgs/s | ± | vs Netty epoll | vs Netty NIO | B/msg |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Comparison.Group g : groups) {
            for (Measurement m : g.members()) {
                double c = connections(m);
                out.append("| ").append(Comparison.label(m)).append(" | ").append(m.variant())
                        .append(" | ").append(Format.number(m.score() * c))
                        .append(" | ").append(Format.errorPercent(m.error(), m.score()))
                        .append(" | ").append(Format.ratio(g.relativeSpeed(m)))
                        .append(" | ").append(Format.ratio(against(g, m, "netty-nio")))
                        .append(" | ").append(Format.bytes(m.allocPerOp() / c)).append(" |\n");
            }
        }
        out.append('\n');
    }

    private static void echoLatency(StringBuilder out, List<Comparison.Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        out.append("## Loopback echo: latency of one round (SampleTime)\n\n");
        out.append("A round is one message on every connection and all the echoes back, so with 256 connections ")
                .append("it is 256 messages. Ratios are baseline/this: higher is better.\n\n");
        out.append("| case | stack | p50 µs | p99 µs | p99.9 µs | mean vs Netty epoll | p99 vs Netty epoll |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Comparison.Group g : groups) {
            for (Measurement m : g.members()) {
                double us = Format.toMicros(m.unit());
                out.append("| ").append(Comparison.label(m)).append(" | ").append(m.variant())
                        .append(" | ").append(Format.sig(m.p50() * us))
                        .append(" | ").append(Format.sig(m.p99() * us))
                        .append(" | ").append(Format.sig(m.p999() * us))
                        .append(" | ").append(Format.ratio(g.relativeSpeed(m)))
                        .append(" | ").append(Format.ratio(g.relativeP99(m))).append(" |\n");
            }
        }
        out.append('\n');
    }

    private static void times(StringBuilder out, String title, String variantColumn, String unit, String allocUnit,
                              List<Comparison.Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        out.append("## ").append(title).append("\n\n");
        out.append("| case | ").append(variantColumn).append(" | ").append(unit)
                .append(" | ± | vs baseline | ").append(allocUnit).append(" |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (Comparison.Group g : groups) {
            for (Measurement m : g.members()) {
                boolean isBaseline = m == g.baseline();
                out.append("| ").append(Comparison.label(m)).append(" | ").append(m.variant())
                        .append(isBaseline ? " (baseline)" : "")
                        .append(" | ").append(Format.sig(m.score()))
                        .append(" | ").append(Format.errorPercent(m.error(), m.score()))
                        .append(" | ").append(Format.ratio(g.relativeSpeed(m)))
                        .append(" | ").append(Format.bytes(m.allocPerOp())).append(" |\n");
            }
        }
        out.append('\n');
    }

    private static void idle(StringBuilder out, List<IdleResult> idle) {
        if (idle.isEmpty()) {
            return;
        }
        out.append("## Idle connections: live memory per connection\n\n");
        out.append("Server process with a 1 GiB heap and the serial collector, client in another process. Live heap ")
                .append("is read after `System.gc()` with K/2 and with K connections open; heap B/conn is the slope ")
                .append("between the two, so one-time costs of the first connections cancel out. \"from empty\" is ")
                .append("(heap at K - heap with none) / K, one-time costs included. Direct buffers are shown so that ")
                .append("nothing moved off-heap is hidden.\n\n");
        out.append("| stack | connections | heap B/conn | from empty | direct B/conn | heap vs Netty epoll |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (IdleResult r : idle) {
            if (!r.ok()) {
                out.append("| ").append(r.stack()).append(" | ").append(r.connections())
                        .append(" | failed: ").append(r.error()).append(" | | | |\n");
                continue;
            }
            IdleResult netty = idleFor(idle, "netty-epoll", r.connections());
            double ratio = netty == null ? Double.NaN : netty.heapPerConnection() / r.heapPerConnection();
            out.append("| ").append(r.stack()).append(" | ").append(r.connections())
                    .append(" | ").append(Format.bytes(r.heapPerConnection()))
                    .append(" | ").append(Format.bytes(r.heapPerConnectionFromEmpty()))
                    .append(" | ").append(Format.bytes(r.directPerConnection()))
                    .append(" | ").append(Format.ratio(ratio)).append(" |\n");
        }
        out.append("\n(heap vs Netty epoll: Netty's bytes / these bytes, higher is better.)\n\n");
    }

    private static IdleResult idleFor(List<IdleResult> idle, String stack, int connections) {
        for (IdleResult r : idle) {
            if (r.ok() && r.stack().equals(stack) && r.connections() == connections) {
                return r;
            }
        }
        return null;
    }

    private static void targets(StringBuilder out, List<Comparison.Group> groups, List<IdleResult> idle) {
        out.append("## Issue 5 targets measured by this report\n\n");
        // Zero allocation per message once warm on the native backend: the worst echo case.
        double worst = Double.NaN;
        for (Comparison.Group g : select(groups, "EchoBenchmark", "thrpt")) {
            Measurement m = member(g, "epoll");
            if (m != null && Double.isFinite(m.allocPerOp())) {
                double perMessage = m.allocPerOp() / connections(m);
                worst = Double.isNaN(worst) ? perMessage : Math.max(worst, perMessage);
            }
        }
        out.append("- Allocation per message on `epoll`, JVM-wide: worst echo case ")
                .append(Format.bytes(worst)).append(" B/msg (JVM-wide, client included): ")
                .append(Double.isNaN(worst) ? "not measured" : worst < 1 ? "under 1 B" : "over 1 B")
                .append(" (the server thread's own figure is the last line)").append('\n');
        // select at least as good as Netty NIO: geometric mean over echo throughput cases.
        double logSum = 0;
        int n = 0;
        for (Comparison.Group g : select(groups, "EchoBenchmark", "thrpt")) {
            Measurement m = member(g, "select");
            double r = m == null ? Double.NaN : against(g, m, "netty-nio");
            if (Double.isFinite(r) && r > 0) {
                logSum += Math.log(r);
                n++;
            }
        }
        double geo = n == 0 ? Double.NaN : Math.exp(logSum / n);
        out.append("- `select` at least as good as Netty NIO: echo throughput geometric mean ")
                .append(Format.ratio(geo)).append(" over ").append(n).append(" cases: ")
                .append(n == 0 ? "not measured" : geo >= 1 ? "**met**" : "**missed**").append('\n');
        for (IdleResult r : idle) {
            if (r.ok() && r.stack().equals("epoll")) {
                out.append("- At most 600 heap bytes per idle connection on `epoll` at ").append(r.connections())
                        .append(": ").append(Format.bytes(r.heapPerConnection())).append(" B: ")
                        .append(r.heapPerConnection() <= 600 ? "**met**" : "**missed**").append('\n');
            }
        }
        out.append("- Instructions per request against Netty epoll: measured by `bench/side-by-side.sh`, not here.\n");
    }
}
