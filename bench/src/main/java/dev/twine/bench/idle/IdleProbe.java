package dev.twine.bench.idle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the idle-connection measurement for each stack: an {@link IdleServer} process and an
 * {@link IdleClient} process, started from this JVM's class path, every wait bounded.
 *
 * <p>Usage as a program: {@code IdleProbe COUNT STACK...}, where a stack {@code NAME:N} runs on N event loops
 * (a Twine {@code ReactorGroup}, or a Netty group of N); the suite calls {@link #measure}.
 * The server runs with a fixed 1 GiB heap and the serial collector (see {@link HeapGauge}).
 */
public final class IdleProbe {

    /** The longest one measurement may take, start to finish. */
    private static final long TIMEOUT_SECONDS = 240;

    private IdleProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            IdleResult r = measure(args[i], count);
            System.out.println(r.ok()
                    ? String.format("%-12s %6d connections: %8.0f heap B/conn, %8.0f direct B/conn",
                            r.stack(), r.connections(), r.heapPerConnection(), r.directPerConnection())
                    : r.stack() + ": " + r.error());
        }
    }

    /** Measures {@code count} idle connections on {@code stack}; failures are returned, not thrown. */
    public static IdleResult measure(String stack, int count) throws InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Process server = null;
        Process client = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        int colon = stack.indexOf(':');
        String name = colon < 0 ? stack : stack.substring(0, colon);
        String reactors = colon < 0 ? "1" : stack.substring(colon + 1);
        try {
            server = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-XX:+UseSerialGC", "-cp", classPath,
                    IdleServer.class.getName(), "--reactor", name, "--expect", Integer.toString(count),
                    "--timeout", Long.toString(TIMEOUT_SECONDS - 30), "--reactors", reactors)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BlockingQueue<String> serverLines = lines(server, "idle-server-out");
            String portLine = await(serverLines, "port ", deadline);
            if (portLine == null) {
                return IdleResult.failed(stack, count, "the server did not start listening");
            }
            client = new ProcessBuilder(java, "-Xmx512m", "-cp", classPath, IdleClient.class.getName(),
                    "--port", portLine.substring(5).trim(), "--count", Integer.toString(count))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BlockingQueue<String> clientLines = lines(client, "idle-client-out");
            if (await(serverLines, "half", deadline) == null) {
                return IdleResult.failed(stack, count, "the server did not see the first half"
                        + clientSays(clientLines));
            }
            // Let the client open the second half.
            client.getOutputStream().write('\n');
            client.getOutputStream().flush();
            String result = await(serverLines, "result ", deadline);
            if (result == null) {
                return IdleResult.failed(stack, count, "no result from the server" + clientSays(clientLines));
            }
            return parse(result);
        } catch (IOException e) {
            return IdleResult.failed(stack, count, e.toString());
        } finally {
            stop(client);
            stop(server);
        }
    }

    private static String clientSays(BlockingQueue<String> clientLines) {
        StringBuilder said = new StringBuilder();
        for (String line; (line = clientLines.poll()) != null; ) {
            if (!line.equals(END)) {
                said.append("; client: ").append(line);
            }
        }
        return said.toString();
    }

    private static IdleResult parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.substring("result ".length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new IdleResult(fields.get("stack"), Integer.parseInt(fields.get("connections")),
                Long.parseLong(fields.get("heapEmpty")), Long.parseLong(fields.get("heapHalf")),
                Long.parseLong(fields.get("heapFull")), Long.parseLong(fields.get("directHalf")),
                Long.parseLong(fields.get("directFull")), null);
    }

    /** Put in a line queue when the process's output ends, so waiting stops at once if it dies. */
    private static final String END = "\u0000end";

    /** Copies a process's standard output into a queue, line by line, then {@link #END}, on a daemon thread. */
    private static BlockingQueue<String> lines(Process p, String name) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    queue.add(line);
                }
            } catch (IOException ignored) {
                // The process went away; END below tells the waiting side.
            }
            queue.add(END);
        }, name);
        t.setDaemon(true);
        t.start();
        return queue;
    }

    /**
     * The first line starting with {@code prefix}, or null at the deadline, on a "failed" line, or
     * when the process's output ends first.
     */
    private static String await(BlockingQueue<String> queue, String prefix, long deadline) throws InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String line = queue.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                return null;
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("failed")) {
                System.err.println("idle probe: " + line);
                return null;
            }
        }
    }

    /** Closes the process's standard input (its signal to exit), then makes sure it is gone. */
    private static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // Already gone.
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Every stack in {@code stacks} at every count, in that order. */
    public static List<IdleResult> measureAll(List<String> stacks, List<Integer> counts) throws InterruptedException {
        List<IdleResult> out = new ArrayList<>();
        for (int count : counts) {
            for (String stack : stacks) {
                IdleResult r = measure(stack, count);
                System.out.println("idle connections: " + stack + " x " + count + ": "
                        + (r.ok() ? Math.round(r.heapPerConnection()) + " heap B/conn" : r.error()));
                out.add(r);
            }
        }
        return out;
    }
}
