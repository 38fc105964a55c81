package dev.twine.bench.sidebyside;

import dev.twine.bench.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code side-by-side.sh}'s raw measurements into medians and ratios to Netty epoll:
 * {@code SideBySideReport RAW.tsv OUT.md OUT.json "environment line"}.
 *
 * <p>The input has one line per (round, stack, workload) with a header naming the columns
 * {@code round stack workload requests seconds rate instructions instructions_u user_ms system_ms
 * errors steal_ms load_cpu_ms}; {@code NA} marks a figure the machine could not give (for instance instruction counts
 * on a virtual machine without performance counters). Per stack and workload the report takes the
 * median over rounds of the rate, of instructions per request (total and user space) and of
 * server CPU time per request (user and user + system, from {@code /proc/PID/stat}); each is then
 * related to Netty epoll's median: for the rate, stack / Netty (higher is better), for per-request
 * costs, stack / Netty too (lower is better, and the targets read "at most Netty's" and
 * "at most half"). {@code steal_ms} is the machine-wide CPU time the hypervisor took from this
 * guest during the measurement ({@code /proc/stat}); the table shows its largest value per stack
 * and workload, so a ratio measured while the host was busy can be recognised and discounted.
 * {@code load_cpu_ms} is the load generator's own CPU time; the table shows it as the share of the
 * measurement it was busy (median). Near 100% the load generator, not the server, set the rate: the
 * rate then reflects how cheaply the client could read this server's replies (how they were batched
 * into segments), and the server's CPU per request is the fairer comparison. {@code server busy} is the
 * server process's CPU time over the measurement's wall time (median): near 100% (of its one pinned CPU)
 * with the load generator below it, the server set the rate.
 */
public final class SideBySideReport {

    private static final String BASELINE = "netty-epoll";

    private record Row(int round, String stack, String workload, double requests, double seconds, double rate,
                       double instructions, double instructionsUser, double userMs, double systemMs, double errors,
                       double stealMs, double loadCpuMs) {
    }

    /**
     * One stack on one workload over all rounds: medians of the rate and of the per-request costs,
     * the rate's range, errors summed, the largest steal and the load generator's median busy share.
     */
    private record Summary(double rate, double instructions, double instructionsUser, double userCpuMicros,
                           double totalCpuMicros, double minRate, double maxRate, double errors, int rounds,
                           double maxStealMs, double loadBusyPercent, double serverBusyPercent) {
        static Summary of(List<Row> rounds) {
            return new Summary(
                    median(rounds, r -> r.rate),
                    median(rounds, r -> r.instructions / r.requests),
                    median(rounds, r -> r.instructionsUser / r.requests),
                    median(rounds, r -> 1000 * r.userMs / r.requests),
                    median(rounds, r -> 1000 * (r.userMs + r.systemMs) / r.requests),
                    min(rounds, r -> r.rate), max(rounds, r -> r.rate),
                    sum(rounds, r -> r.errors), rounds.size(),
                    max(rounds, r -> r.stealMs),
                    median(rounds, r -> 100 * r.loadCpuMs / (1000 * r.seconds)),
                    median(rounds, r -> 100 * (r.userMs + r.systemMs) / (1000 * r.seconds)));
        }
    }

    private SideBySideReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: SideBySideReport RAW.tsv OUT.md OUT.json [environment]");
            System.exit(2);
        }
        List<Row> rows = read(Path.of(args[0]));
        String environment = args.length > 3 ? args[3] : "";
        Set<String> workloads = new LinkedHashSet<>();
        Set<String> stacks = new LinkedHashSet<>();
        for (Row r : rows) {
            workloads.add(r.workload);
            stacks.add(r.stack);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Side by side: real load generators, Twine vs Netty\n\n");
        md.append(environment).append("\n\n");
        md.append("Server pinned to CPU 0, load generator to CPU 1; medians over interleaved rounds ")
                .append("(A B C A B C ...). Rate ratios are stack / Netty epoll (higher is better); per-request ")
                .append("cost ratios are stack / Netty epoll too (lower is better). CPU µs/req is the server ")
                .append("process's CPU time (all its threads) per request (per datagram or per handshake in the UDP and handshake rows), from `/proc/PID/stat`; instructions ")
                .append("come from `perf stat` where the machine has hardware counters.\n\n");
        List<Object> json = new ArrayList<>();
        String unit = null;
        for (String w : workloads) {
            if (!unitOf(w).equals(unit)) {
                unit = unitOf(w);
                if (json.size() > 0) {
                    md.append('\n');
                }
                md.append(header(unit));
            }
            Map<String, Summary> summaries = new LinkedHashMap<>();
            for (String s : stacks) {
                List<Row> mine = select(rows, s, w);
                if (!mine.isEmpty()) {
                    summaries.put(s, Summary.of(mine));
                }
            }
            Summary base = summaries.get(BASELINE);
            for (Map.Entry<String, Summary> e : summaries.entrySet()) {
                Summary m = e.getValue();
                double rateRatio = base == null ? Double.NaN : m.rate / base.rate;
                double instrRatio = base == null ? Double.NaN : m.instructions / base.instructions;
                double cpuRatio = base == null ? Double.NaN : m.totalCpuMicros / base.totalCpuMicros;
                md.append("| ").append(w).append(" | ").append(e.getKey())
                        .append(" | ").append(fmt(m.rate, 0))
                        .append(" | ").append(fmt(m.minRate, 0)).append(" - ").append(fmt(m.maxRate, 0))
                        .append(" | ").append(ratio(rateRatio))
                        .append(" | ").append(fmt(m.instructions, 0))
                        .append(" | ").append(fmt(m.instructionsUser, 0))
                        .append(" | ").append(ratio(instrRatio))
                        .append(" | ").append(fmt(m.userCpuMicros, 2))
                        .append(" | ").append(fmt(m.totalCpuMicros, 2))
                        .append(" | ").append(ratio(cpuRatio))
                        .append(" | ").append(fmt(m.errors, 0))
                        .append(" | ").append(fmt(m.maxStealMs, 0))
                        .append(" | ").append(percent(m.loadBusyPercent))
                        .append(" | ").append(percent(m.serverBusyPercent))
                        .append(" |\n");
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("workload", w);
                j.put("unit", unit);
                j.put("stack", e.getKey());
                j.put("rounds", m.rounds);
                j.put("medianRate", m.rate);
                j.put("minRate", m.minRate);
                j.put("maxRate", m.maxRate);
                j.put("rateVsNettyEpoll", rateRatio);
                j.put("instructionsPerRequest", m.instructions);
                j.put("userInstructionsPerRequest", m.instructionsUser);
                j.put("instructionsVsNettyEpoll", instrRatio);
                j.put("userCpuMicrosPerRequest", m.userCpuMicros);
                j.put("totalCpuMicrosPerRequest", m.totalCpuMicros);
                j.put("cpuVsNettyEpoll", cpuRatio);
                j.put("errors", m.errors);
                j.put("maxStealMs", m.maxStealMs);
                j.put("loadGeneratorBusyPercent", m.loadBusyPercent);
                j.put("serverBusyPercent", m.serverBusyPercent);
                json.add(j);
            }
        }
        md.append('\n');
        Files.writeString(Path.of(args[1]), md.toString());
        Files.writeString(Path.of(args[2]), toJson(environment, json));
        System.out.print(md);
    }

    /**
     * What one operation of {@code workload} is, named in the table's headings: a datagram for the UDP
     * workloads ({@code udp-...}: the rate counts echoed datagrams and the CPU is per datagram), a
     * handshake for {@code tls-handshake} ({@code openssl s_time -new} counts new connections, each one
     * full handshake), a request otherwise. Rows of different units get tables of their own so no heading
     * misnames a figure.
     */
    static String unitOf(String workload) {
        if (workload.startsWith("udp-")) {
            return "datagram";
        }
        return workload.equals("tls-handshake") ? "handshake" : "req";
    }

    /** The heading and alignment rows of a table whose operations are {@code unit}s. */
    private static String header(String unit) {
        // "req/s" as the HTTP and RESP tools print it; "datagrams/s", "handshakes/s" for the other rows.
        String rate = unit.equals("req") ? "req/s" : unit + "s/s";
        return "| workload | stack | " + rate + " (median) | min - max | vs Netty epoll | instr/" + unit + " | instr:u/" + unit
                + " | instr vs Netty epoll | user CPU µs/" + unit + " | total CPU µs/" + unit
                + " | CPU vs Netty epoll | errors | steal ms (max) | load gen busy | server busy |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    }

    private static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = Arrays.asList(lines.get(0).split("\t"));
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(new Row(Integer.parseInt(f[header.indexOf("round")]), f[header.indexOf("stack")],
                    f[header.indexOf("workload")], num(f, header, "requests"), num(f, header, "seconds"),
                    num(f, header, "rate"),
                    num(f, header, "instructions"), num(f, header, "instructions_u"),
                    num(f, header, "user_ms"), num(f, header, "system_ms"), num(f, header, "errors"),
                    num(f, header, "steal_ms"), num(f, header, "load_cpu_ms")));
        }
        return rows;
    }

    private static double num(String[] fields, List<String> header, String column) {
        int i = header.indexOf(column);
        if (i < 0 || i >= fields.length) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(fields[i]);
        } catch (NumberFormatException e) {
            return Double.NaN; // "NA": the machine could not give this figure
        }
    }

    private static List<Row> select(List<Row> rows, String stack, String workload) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.stack.equals(stack) && r.workload.equals(workload)) {
                out.add(r);
            }
        }
        return out;
    }

    private interface Figure {
        double of(Row r);
    }

    /** The median of the finite values, NaN if there are none. */
    private static double median(List<Row> rows, Figure f) {
        double[] v = rows.stream().mapToDouble(f::of).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Row> rows, Figure f) {
        return rows.stream().mapToDouble(f::of).filter(Double::isFinite).min().orElse(Double.NaN);
    }

    private static double max(List<Row> rows, Figure f) {
        return rows.stream().mapToDouble(f::of).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    private static double sum(List<Row> rows, Figure f) {
        return rows.stream().mapToDouble(f::of).filter(Double::isFinite).sum();
    }

    private static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : "n/a";
    }

    private static String percent(double p) {
        return Double.isFinite(p) ? fmt(p, 0) + "%" : "n/a";
    }

    private static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2fx", r) : "n/a";
    }

    private static String toJson(String environment, List<Object> rows) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", environment);
        root.put("baseline", BASELINE);
        root.put("rows", rows);
        return Json.write(root);
    }
}
