package dev.twine.bench.report;

import dev.twine.bench.alloc.ServerAllocation;
import dev.twine.bench.idle.IdleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one suite run found, and the three files it is written as: {@code report.json}
 * (every figure, for tools), {@code report.md} (tables with ratios to Netty) and
 * {@code chart.png} (bars per stack, Netty beside them).
 *
 * @param environment where and how the run was made
 * @param loadAfter   the load average when the run ended
 * @param measurements the JMH results
 * @param serverAllocation allocation per message on the server's event-loop thread alone
 * @param idle        the idle-connection results
 * @param skipped     stacks left out, with the reason
 */
public record Report(Environment environment, String loadAfter, List<Measurement> measurements,
                     List<ServerAllocation> serverAllocation, List<IdleResult> idle, Map<String, String> skipped) {

    /** The comparable groups, in report order. */
    public List<Comparison.Group> groups() {
        return Comparison.group(measurements);
    }

    /** Writes the three files into {@code dir}, creating it if needed. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), Json.write(toJson()));
        Files.writeString(dir.resolve("report.md"), MarkdownReport.render(this));
        BarChart.render(this, dir.resolve("chart.png"));
    }

    private Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", environment.toJson(loadAfter));
        root.put("skipped", skipped);
        List<Object> groups = new ArrayList<>();
        for (Comparison.Group g : groups()) {
            Map<String, Object> jg = new LinkedHashMap<>();
            jg.put("label", Comparison.label(g.first()));
            jg.put("baseline", g.baseline() == null ? null : g.baseline().variant());
            List<Object> members = new ArrayList<>();
            for (Measurement m : g.members()) {
                Map<String, Object> jm = m.toJson();
                jm.put("relativeSpeed", g.relativeSpeed(m));
                if (m.mode().equals("sample")) {
                    jm.put("relativeP99", g.relativeP99(m));
                }
                members.add(jm);
            }
            jg.put("measurements", members);
            groups.add(jg);
        }
        root.put("groups", groups);
        List<Object> allocJson = new ArrayList<>();
        for (ServerAllocation a : serverAllocation) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stack", a.stack());
            m.put("size", a.size());
            m.put("connections", a.connections());
            if (a.ok()) {
                m.put("messages", a.messages());
                m.put("eventLoopBytes", a.bytes());
                m.put("eventLoopBytesPerMessage", a.bytesPerMessage());
            } else {
                m.put("error", a.error());
            }
            allocJson.add(m);
        }
        root.put("serverAllocation", allocJson);
        List<Object> idleJson = new ArrayList<>();
        for (IdleResult r : idle) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stack", r.stack());
            m.put("connections", r.connections());
            if (r.ok()) {
                m.put("heapBytesPerConnection", r.heapPerConnection());
                m.put("directBytesPerConnection", r.directPerConnection());
                m.put("heapBytesPerConnectionFromEmpty", r.heapPerConnectionFromEmpty());
                m.put("heapEmpty", r.heapEmpty());
                m.put("heapHalf", r.heapHalf());
                m.put("heapFull", r.heapFull());
            } else {
                m.put("error", r.error());
            }
            idleJson.add(m);
        }
        root.put("idleConnections", idleJson);
        return root;
    }
}
