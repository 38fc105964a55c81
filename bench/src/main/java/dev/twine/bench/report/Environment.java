package dev.twine.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the report is tagged with: where and how the figures were taken. The load average is read
 * before and after the run, because on a shared machine it is the first thing to look at when two
 * reports disagree.
 *
 * @param date        when the run started (ISO-8601 with offset)
 * @param mode        {@code quick} or {@code full}
 * @param os          {@code os.name} and {@code os.version}
 * @param arch        {@code os.arch}
 * @param jdk         {@code java.vm.name} and {@code java.runtime.version}
 * @param cpus        processors available to the JVM
 * @param cpuModel    the CPU's model name where the OS says it, else "unknown"
 * @param commit      the Twine commit measured (from {@code -Dbench.commit}), or "unknown"
 * @param loadBefore  {@code /proc/loadavg} before the run, or "n/a"
 */
public record Environment(String date, String mode, String os, String arch, String jdk, int cpus,
                          String cpuModel, String commit, String loadBefore) {

    /** Reads the environment now. */
    public static Environment capture(String mode) {
        return new Environment(
                OffsetDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                mode,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                System.getProperty("bench.commit", "unknown"),
                loadAverage());
    }

    /** The three load averages from {@code /proc/loadavg}, or "n/a" where there is none. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: say so below.
        }
        return "unknown";
    }

    /** One line for report headers and chart titles. */
    public String summary() {
        return os + " " + arch + ", " + jdk + ", " + cpus + " CPUs (" + cpuModel + "), " + mode + " mode, " + date;
    }

    Map<String, Object> toJson(String loadAfter) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", date);
        m.put("mode", mode);
        m.put("os", os);
        m.put("arch", arch);
        m.put("jdk", jdk);
        m.put("cpus", cpus);
        m.put("cpuModel", cpuModel);
        m.put("commit", commit);
        m.put("loadAverageBefore", loadBefore);
        m.put("loadAverageAfter", loadAfter);
        return m;
    }
}
