package dev.twine.tck.tcp;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running one of this package's {@code *Main} programs with the test's class path, talked to
 * line by line over its standard input and output. Used where a test needs what it must not do to its own
 * JVM: a lower descriptor limit ({@code prlimit}) or a private network namespace ({@code unshare}).
 *
 * <p>Every wait is bounded; {@link #close()} kills the child if it is still running and closes all three
 * pipes, so the test leaves no descriptor behind.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread outPump;
    private final Thread errPump;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.outPump = new Thread(() -> pumpLines(process.getInputStream()), "child-stdout");
        this.errPump = new Thread(() -> pumpBytes(process.getErrorStream()), "child-stderr");
        outPump.setDaemon(true);
        errPump.setDaemon(true);
        outPump.start();
        errPump.start();
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM, its command line prefixed by
     * {@code wrapper} (for example {@code prlimit --nofile=256:256}); the wrapper may also be a shell
     * script ending in {@code exec "$@"}.
     */
    public static ChildJvm start(List<String> wrapper, Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(javaBinary());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).start());
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The absolute path of an executable found on {@code PATH} (or in /sbin, /usr/sbin), or null. */
    public static String which(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Sends one line to the child's standard input. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /**
     * Waits for the next line the child prints that starts with {@code prefix} (others are skipped) and
     * returns it.
     *
     * @throws AssertionError if none comes within {@code seconds}, or the child ended first
     */
    public String expect(String prefix, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("child printed no line starting with '" + prefix + "' within " + seconds
                        + " s; alive=" + process.isAlive() + "; stderr:\n" + stderr());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.equals("\u0000EOF")) {
                throw new AssertionError("child ended (exit " + exitValueOrNull() + ") before printing '" + prefix
                        + "'; stderr:\n" + stderr());
            }
        }
    }

    /** Waits for the child to exit and returns its status. */
    public int waitFor(double seconds) throws InterruptedException {
        if (!process.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child did not exit within " + seconds + " s; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** Everything the child wrote to standard error so far (its log). */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        outPump.join(10_000);
        errPump.join(10_000);
        stdin.close();
        process.getInputStream().close();
        process.getErrorStream().close();
    }

    private Integer exitValueOrNull() {
        return process.isAlive() ? null : process.exitValue();
    }

    private void pumpLines(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The child is gone; its lines so far are what there is.
        } finally {
            lines.add("\u0000EOF");
        }
    }

    private void pumpBytes(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (stderr) {
                    stderr.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // As above.
        }
    }
}
