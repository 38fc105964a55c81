package dev.twine.bench.report;

import dev.twine.bench.alloc.ServerAllocation;
import java.util.List;

/**
 * The Markdown section for {@link ServerAllocation}: bytes the server's event-loop thread allocates
 * per echoed message, per stack, and the zero-allocation target line that goes with it.
 */
final class AllocationSection {
    private AllocationSection() {
    }

    static void render(StringBuilder out, List<ServerAllocation> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("## Echo: allocation per message on the server's event-loop thread\n\n");
        out.append("The server's one event-loop thread alone, from the JVM's per-thread allocation counter ")
                .append("(the JMH B/msg above also counts the load client). In-process, after a warm-up of ")
                .append("30,000 rounds; the smallest of three windows of 5,000 rounds.\n\n");
        out.append("| case | stack | messages | event-loop B/msg |\n");
        out.append("|---|---|---:|---:|\n");
        for (ServerAllocation a : rows) {
            String size = a.size() % 1024 == 0 ? a.size() / 1024 + " KiB" : a.size() + " B";
            out.append("| echo ").append(size)
                    .append(" x ").append(a.connections()).append(" conn | ").append(a.stack()).append(" | ");
            if (a.ok()) {
                out.append(a.messages()).append(" | ").append(String.format("%.2f", a.bytesPerMessage())).append(" |\n");
            } else {
                out.append("failed: ").append(a.error()).append(" | |\n");
            }
        }
        out.append('\n');
    }

    /** The target line: zero allocation per message once warm on every native Twine backend measured. */
    static void target(StringBuilder out, List<ServerAllocation> rows) {
        double worst = Double.NaN;
        for (ServerAllocation a : rows) {
            if (a.ok() && a.stack().equals("epoll")) {
                worst = Double.isNaN(worst) ? a.bytesPerMessage() : Math.max(worst, a.bytesPerMessage());
            }
        }
        out.append("- Zero allocation per message once warm on `epoll`, server event-loop thread: worst case ")
                .append(Double.isNaN(worst) ? "n/a" : String.format("%.2f", worst)).append(" B/msg: ")
                .append(Double.isNaN(worst) ? "not measured" : worst < 0.5 ? "**met**" : "**missed**").append('\n');
    }
}
