package dev.twine.bench.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.ArrayList;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * One JMH result, reduced to what the report compares.
 *
 * <p>The <em>variant</em> is the stack or implementation the figure belongs to: the {@code stack}
 * or {@code scheduler} parameter when the benchmark has one, else the part of the method name
 * after the last underscore ({@code trivialCall_nettyJni} is shape {@code trivialCall}, variant
 * {@code nettyJni}). Everything else (shape, mode, the other parameters) says which figures are
 * comparable.
 *
 * @param benchmark  the benchmark class's simple name
 * @param shape      the method name without the variant suffix
 * @param variant    the stack or implementation
 * @param mode       JMH's short mode name: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param params     the other parameters, sorted by name
 * @param unit       the score's unit as JMH gives it ({@code ops/s}, {@code ns/op}, ...)
 * @param score      the primary score (for {@code sample}, the mean)
 * @param error      the 99.9% confidence half-width JMH reports, NaN with too few iterations
 * @param p50        {@code sample} mode's median, in {@code unit}; NaN otherwise
 * @param p99        {@code sample} mode's 99th percentile; NaN otherwise
 * @param p999       {@code sample} mode's 99.9th percentile; NaN otherwise
 * @param allocPerOp bytes allocated per operation ({@code -prof gc}'s {@code gc.alloc.rate.norm}), NaN without it
 */
public record Measurement(String benchmark, String shape, String variant, String mode, Map<String, String> params,
                          String unit, double score, double error, double p50, double p99, double p999,
                          double allocPerOp) {

    /** The parameters that name the variant rather than the case. */
    static final Set<String> VARIANT_PARAMS = Set.of("stack", "scheduler");

    /** True when a higher score is better (throughput), false for times. */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /** The key under which comparable measurements are grouped. */
    String groupKey() {
        return benchmark + "." + shape + " " + mode + " " + params;
    }

    /** Reduces JMH's results; results without a primary score are left out. */
    public static List<Measurement> from(Collection<RunResult> results) {
        List<Measurement> out = new ArrayList<>();
        for (RunResult rr : results) {
            Result<?> primary = rr.getPrimaryResult();
            if (primary == null) {
                continue;
            }
            BenchmarkParams bp = rr.getParams();
            String full = bp.getBenchmark();
            String className = full.substring(0, full.lastIndexOf('.'));
            String method = full.substring(full.lastIndexOf('.') + 1);
            String simpleClass = className.substring(className.lastIndexOf('.') + 1);
            Map<String, String> params = new TreeMap<>();
            String variant = null;
            for (String key : bp.getParamsKeys()) {
                if (VARIANT_PARAMS.contains(key)) {
                    variant = bp.getParam(key);
                } else {
                    params.put(key, bp.getParam(key));
                }
            }
            String shape = method;
            if (variant == null) {
                int underscore = method.lastIndexOf('_');
                variant = underscore < 0 ? "" : method.substring(underscore + 1);
                shape = underscore < 0 ? method : method.substring(0, underscore);
            }
            String mode = bp.getMode().shortLabel();
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            double p999 = Double.NaN;
            if (mode.equals("sample")) {
                Statistics stats = primary.getStatistics();
                p50 = stats.getPercentile(50);
                p99 = stats.getPercentile(99);
                p999 = stats.getPercentile(99.9);
            }
            double alloc = Double.NaN;
            for (Map.Entry<String, Result> e : rr.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().getScore();
                }
            }
            out.add(new Measurement(simpleClass, shape, variant, mode, new LinkedHashMap<>(params),
                    primary.getScoreUnit(), primary.getScore(), primary.getScoreError(), p50, p99, p999, alloc));
        }
        return out;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", benchmark);
        m.put("shape", shape);
        m.put("variant", variant);
        m.put("mode", mode);
        m.put("params", params);
        m.put("unit", unit);
        m.put("score", score);
        m.put("error", error);
        if (mode.equals("sample")) {
            m.put("p50", p50);
            m.put("p99", p99);
            m.put("p99.9", p999);
        }
        m.put("allocBytesPerOp", allocPerOp);
        return m;
    }
}
