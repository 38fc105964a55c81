package dev.twine.bench.report;

import dev.twine.bench.idle.IdleResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import javax.imageio.ImageIO;

/**
 * Draws the report's chart with Java2D: horizontal bars, one per stack, grouped per benchmark case,
 * Netty's bars beside Twine's. Every section but the last plots speed relative to the section's
 * baseline from the same run (a dashed line marks 1.0; longer is better); the last plots heap bytes
 * per idle connection (shorter is better) with the 600-byte target marked.
 *
 * <p>Runs headless ({@code java.awt.headless=true}); no fonts beyond the JDK's logical ones.
 */
final class BarChart {

    private static final int WIDTH = 1400;
    private static final int LABEL_WIDTH = 250;
    private static final int LEFT = 20;
    private static final int PLOT_LEFT = LEFT + LABEL_WIDTH;
    private static final int PLOT_WIDTH = WIDTH - PLOT_LEFT - 190;
    private static final int BAR = 13;
    private static final int GROUP_GAP = 9;
    private static final int SECTION_HEAD = 44;
    private static final double MAX_RATIO_AXIS = 4;

    private static final Map<String, Color> COLORS = Map.ofEntries(
            Map.entry("select", new Color(0x1f77b4)),
            Map.entry("epoll", new Color(0x2ca02c)),
            Map.entry("kqueue", new Color(0x17becf)),
            Map.entry("iocp", new Color(0x9467bd)),
            Map.entry("twineJnr", new Color(0x2ca02c)),
            Map.entry("twineSocketCalls", new Color(0x98df8a)),
            Map.entry("deferred", new Color(0x2ca02c)),
            Map.entry("netty-epoll", new Color(0x444444)),
            Map.entry("nettyJni", new Color(0x444444)),
            Map.entry("completableFuture", new Color(0x444444)),
            Map.entry("netty-nio", new Color(0x9a9a9a)),
            Map.entry("netty-wheel", new Color(0xc8c8c8)),
            Map.entry("jdkNio", new Color(0xc49c94)));

    /** One section: a title and groups of (variant, value, annotation) bars. */
    private record Section(String title, boolean ratio, double axisMax, double marker, String markerLabel,
                           List<BarGroup> groups) {
    }

    private record BarGroup(String label, List<Bar> bars) {
    }

    private record Bar(String variant, double value, String annotation) {
    }

    private BarChart() {
    }

    static void render(Report report, Path file) throws IOException {
        List<Comparison.Group> groups = report.groups();
        List<Section> sections = new ArrayList<>();
        addRatioSection(sections, "Loopback echo throughput (messages/s) relative to Netty epoll, higher is better",
                groups, "EchoBenchmark", "thrpt", Comparison.Group::relativeSpeed);
        addRatioSection(sections, "Loopback echo p99 latency: Netty epoll's p99 / this p99, higher is better",
                groups, "EchoBenchmark", "sample", Comparison.Group::relativeP99);
        addRatioSection(sections, "Timers, 10^5 per batch: speed relative to Netty EventLoop.schedule on epoll",
                groups, "TimerBenchmark", "avgt", Comparison.Group::relativeSpeed);
        addRatioSection(sections, "Deferred 10-step chain: speed relative to CompletableFuture",
                groups, "DeferredBenchmark", "avgt", Comparison.Group::relativeSpeed);
        addRatioSection(sections, "Native call: speed relative to Netty's JNI",
                groups, "NativeCallBenchmark", "avgt", Comparison.Group::relativeSpeed);
        addIdleSection(sections, report.idle());

        int height = 90;
        for (Section s : sections) {
            height += SECTION_HEAD;
            for (BarGroup g : s.groups) {
                height += g.bars.size() * BAR + GROUP_GAP;
            }
        }
        height += 20;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString("Twine vs Netty, same run", LEFT, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(report.environment().summary() + "; load " + report.environment().loadBefore()
                    + " -> " + report.loadAfter(), LEFT, 48);
            drawLegend(g, sections, 70);
            int y = 90;
            for (Section s : sections) {
                y = drawSection(g, s, y);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void addRatioSection(List<Section> sections, String title, List<Comparison.Group> groups,
                                        String benchmark, String mode,
                                        ToDoubleBiFunction<Comparison.Group, Measurement> value) {
        List<BarGroup> out = new ArrayList<>();
        double max = 1.5;
        for (Comparison.Group group : groups) {
            Measurement first = group.first();
            if (!first.benchmark().equals(benchmark) || !first.mode().equals(mode) || group.baseline() == null) {
                continue;
            }
            List<Bar> bars = new ArrayList<>();
            for (Measurement m : group.members()) {
                double v = value.applyAsDouble(group, m);
                bars.add(new Bar(m.variant(), v, Format.ratio(v)));
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
            out.add(new BarGroup(Comparison.label(first), bars));
        }
        if (!out.isEmpty()) {
            double axis = Math.min(MAX_RATIO_AXIS, Math.ceil(max * 2 * 1.05) / 2);
            sections.add(new Section(title, true, axis, 1.0, "baseline = 1", out));
        }
    }

    private static void addIdleSection(List<Section> sections, List<IdleResult> idle) {
        List<BarGroup> out = new ArrayList<>();
        double max = 700;
        Set<Integer> counts = new LinkedHashSet<>();
        for (IdleResult r : idle) {
            counts.add(r.connections());
        }
        for (int count : counts) {
            List<Bar> bars = new ArrayList<>();
            for (IdleResult r : idle) {
                if (r.connections() == count && r.ok()) {
                    bars.add(new Bar(r.stack(), r.heapPerConnection(), Format.bytes(r.heapPerConnection()) + " B"));
                    max = Math.max(max, r.heapPerConnection());
                }
            }
            if (!bars.isEmpty()) {
                out.add(new BarGroup(count + " idle connections", bars));
            }
        }
        if (!out.isEmpty()) {
            sections.add(new Section("Heap bytes per idle connection, lower is better (issue target: 600 B)",
                    false, max * 1.1, 600, "target 600 B", out));
        }
    }

    private static void drawLegend(Graphics2D g, List<Section> sections, int y) {
        Set<String> variants = new LinkedHashSet<>();
        for (Section s : sections) {
            for (BarGroup bg : s.groups) {
                for (Bar b : bg.bars) {
                    variants.add(b.variant);
                }
            }
        }
        int x = LEFT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (String v : variants) {
            g.setColor(color(v));
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(v, x + 16, y);
            x += 24 + g.getFontMetrics().stringWidth(v);
        }
    }

    private static int drawSection(Graphics2D g, Section s, int y) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(s.title, LEFT, y + 24);
        y += SECTION_HEAD - 8;
        int top = y;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (BarGroup group : s.groups) {
            int groupTop = y;
            for (Bar b : group.bars) {
                int len = (int) Math.round(PLOT_WIDTH * Math.min(b.value, s.axisMax) / s.axisMax);
                boolean clipped = b.value > s.axisMax;
                g.setColor(color(b.variant));
                if (Double.isFinite(b.value)) {
                    g.fillRect(PLOT_LEFT, y + 1, Math.max(1, len), BAR - 2);
                }
                g.setColor(Color.DARK_GRAY);
                String text = b.variant + "  " + b.annotation + (clipped ? " (off scale)" : "");
                g.drawString(text, PLOT_LEFT + Math.max(1, Double.isFinite(b.value) ? len : 0) + 5, y + BAR - 2);
                y += BAR;
            }
            g.setColor(Color.BLACK);
            g.drawString(group.label, LEFT, groupTop + (group.bars.size() * BAR) / 2 + 5);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(LEFT, y + GROUP_GAP / 2, PLOT_LEFT + PLOT_WIDTH, y + GROUP_GAP / 2);
            y += GROUP_GAP;
        }
        // The axis and the marker line (1.0 for ratios, the target for bytes).
        g.setColor(Color.BLACK);
        g.drawLine(PLOT_LEFT, top, PLOT_LEFT, y - GROUP_GAP);
        int markerX = PLOT_LEFT + (int) Math.round(PLOT_WIDTH * s.marker / s.axisMax);
        g.setColor(new Color(0xd62728));
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
        g.drawLine(markerX, top - 4, markerX, y - GROUP_GAP);
        g.setStroke(new BasicStroke(1));
        g.drawString(s.markerLabel, markerX + 4, top - 2);
        g.setColor(Color.GRAY);
        String axisEnd = s.ratio ? Format.ratio(s.axisMax) : Format.bytes(s.axisMax) + " B";
        g.drawString(axisEnd, PLOT_LEFT + PLOT_WIDTH - g.getFontMetrics().stringWidth(axisEnd), top - 2);
        return y;
    }

    private static Color color(String variant) {
        Color c = COLORS.get(variant);
        if (c != null) {
            return c;
        }
        // An unknown variant (a backend added later) still gets a stable, distinct colour.
        return Color.getHSBColor((variant.hashCode() & 0xffff) / 65536f, 0.6f, 0.8f);
    }
}
