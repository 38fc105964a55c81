package dev.twine.bench.report;

import dev.twine.bench.Stack;
import dev.twine.bench.alloc.ServerAllocation;
import dev.twine.bench.alloc.ServerAllocationProbe;
import dev.twine.bench.idle.IdleProbe;
import dev.twine.bench.idle.IdleResult;
import dev.twine.internet.Reactors;
import dev.twine.spi.ReactorBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The one-command suite: runs every JMH benchmark on every stack this machine has (Twine's
 * available backends, Netty epoll and NIO) in one JMH run with {@code -prof gc}, then the
 * idle-connection probe, and writes {@link Report}'s three files.
 *
 * <p>Usage: {@code Suite --out DIR [--full|--smoke] [--include REGEX] [--idle K[,K...]|none]}.
 * Quick mode (the default) is one fork, 2 x 1 s warm-up and 3 x 1 s measurement per benchmark, and
 * 10,000 idle connections; about ten minutes on two cores. {@code --full} is two forks,
 * 5 x 2 s warm-up, 5 x 2 s measurement, and 10,000 and 19,000 idle connections. {@code --smoke}
 * checks the pipeline in a couple of minutes (one short iteration each, 2,000 idle connections);
 * its figures mean nothing.
 *
 * <p>Stacks that cannot run here are left out before JMH forks and listed in the report with
 * their reason, so a missing backend is a stated skip, never a failed or silently absent row.
 */
public final class Suite {

    private static final List<String> NETTY = List.of(Stack.NETTY_NIO, Stack.NETTY_EPOLL);

    private Suite() {
    }

    public static void main(String[] args) throws RunnerException, java.io.IOException, InterruptedException {
        System.setProperty("java.awt.headless", "true");
        Path out = null;
        boolean full = false;
        boolean smoke = false;
        String include = "dev\\.twine\\.bench\\.jmh\\..*";
        String idle = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--full" -> full = true;
                case "--smoke" -> smoke = true;
                case "--include" -> include = args[++i];
                case "--idle" -> idle = args[++i];
                default -> {
                    System.err.println("usage: Suite --out DIR [--full|--smoke] [--include REGEX] [--idle K[,K...]|none]");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            System.err.println("--out DIR is required");
            System.exit(2);
        }
        List<Integer> idleCounts = smoke && idle == null ? List.of(2_000) : idleCounts(idle, full);

        Environment env = Environment.capture(full ? "full" : smoke ? "smoke (figures meaningless)" : "quick");
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> stacks = stacks(skipped);
        System.out.println("stacks: " + stacks + (skipped.isEmpty() ? "" : "; skipped: " + skipped));

        List<String> schedulers = new ArrayList<>(stacks);
        schedulers.add("netty-wheel");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .param("stack", stacks.toArray(new String[0]))
                .param("scheduler", schedulers.toArray(new String[0]))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false)
                .result(out.resolve("jmh-result.json").toString())
                .resultFormat(ResultFormatType.JSON)
                .forks(full ? 2 : 1)
                .warmupIterations(full ? 5 : smoke ? 1 : 2)
                .warmupTime(smoke ? TimeValue.milliseconds(200) : TimeValue.seconds(full ? 2 : 1))
                .measurementIterations(full ? 5 : smoke ? 1 : 3)
                .measurementTime(smoke ? TimeValue.milliseconds(300) : TimeValue.seconds(full ? 2 : 1));
        java.nio.file.Files.createDirectories(out);
        Collection<RunResult> results = new Runner(options.build()).run();

        List<IdleResult> idleResults = new ArrayList<>();
        if (!idleCounts.isEmpty()) {
            idleResults = IdleProbe.measureAll(stacks, idleCounts);
        }
        List<ServerAllocation> allocation = ServerAllocationProbe.measureAll(stacks);
        Report report = new Report(env, Environment.loadAverage(), Measurement.from(results), allocation,
                idleResults, skipped);
        report.write(out);
        System.out.println("report: " + out.resolve("report.md") + ", " + out.resolve("report.json") + ", "
                + out.resolve("chart.png"));
    }

    /** The stacks to measure: Twine's available backends, then Netty's; the rest go into {@code skipped}. */
    public static List<String> stacks(Map<String, String> skipped) {
        List<String> out = new ArrayList<>();
        List<String> twine = new ArrayList<>();
        for (ReactorBackend b : Reactors.registeredBackends()) {
            twine.add(b.name());
        }
        // Twine's portable backend first, then the native ones, to match the report's column order.
        twine.sort((a, b) -> a.equals("select") ? -1 : b.equals("select") ? 1 : a.compareTo(b));
        List<String> candidates = new ArrayList<>(twine);
        candidates.addAll(NETTY);
        for (String name : candidates) {
            Stack.unavailabilityReason(name).ifPresentOrElse(why -> skipped.put(name, why), () -> out.add(name));
        }
        return out;
    }

    private static List<Integer> idleCounts(String idle, boolean full) {
        if (idle == null) {
            return full ? List.of(10_000, 19_000) : List.of(10_000);
        }
        List<Integer> counts = new ArrayList<>();
        if (!idle.equals("none")) {
            for (String k : idle.split(",")) {
                counts.add(Integer.parseInt(k.trim()));
            }
        }
        return counts;
    }
}
