package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program under test, running as a real process: a Twine example started through
 * {@link Launcher} with the test class path, or a Python peer.
 *
 * <p>Standard output and standard error are read continuously by daemon threads (so the child never
 * blocks on a full pipe) and kept as lines, which tests wait for with {@link #awaitLine}. Every wait is
 * bounded; {@link #close()} kills whatever is still running, so a failing test leaves no process behind.
 */
final class ProgramProcess implements AutoCloseable {
    /** Generous: the machine running the tests is shared and may be slow. */
    static final Duration STARTUP = Duration.ofSeconds(60);

    private final String description;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    private ProgramProcess(String description, List<String> command, Path dir) throws IOException {
        this.description = description;
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("PYTHONUNBUFFERED", "1");
        this.process = pb.start();
        process.getOutputStream().close();
        pump(process.getInputStream(), out, description + " stdout");
        pump(process.getErrorStream(), err, description + " stderr");
    }

    /**
     * Starts example {@code name} with {@code args} on backend {@code reactor} (null: the default), with
     * optional extra JVM options.
     */
    static ProgramProcess twine(String reactor, List<String> jvmOptions, String name, String... args) throws IOException {
        return twineIn(List.of(), reactor, jvmOptions, name, args);
    }

    /**
     * Starts example {@code name} as {@link #twine(String, List, String, String...)} does, its command line
     * prefixed by {@code wrapper} (for instance {@link NetworkNamespace#enter()}, to run it inside a namespace).
     */
    static ProgramProcess twineIn(List<String> wrapper, String reactor, List<String> jvmOptions, String name,
                                  String... args) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmOptions);
        if (reactor != null) {
            cmd.add("-Dtwine.reactor=" + reactor);
        }
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add(Launcher.class.getName());
        cmd.add(name);
        cmd.addAll(List.of(args));
        return new ProgramProcess(name + (reactor == null ? "" : " [" + reactor + "]"), cmd, null);
    }

    /** Starts example {@code name} on backend {@code reactor}. */
    static ProgramProcess twine(String reactor, String name, String... args) throws IOException {
        return twine(reactor, List.of(), name, args);
    }

    /** Starts {@code command} as is (a Python peer, {@code env ...}). */
    static ProgramProcess command(String description, List<String> command) throws IOException {
        return new ProgramProcess(description, command, null);
    }

    /**
     * The class path of this test run. Surefire passes its real class path in
     * {@code surefire.test.class.path} (its own {@code java.class.path} may be a single manifest jar).
     */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    private void pump(InputStream in, List<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (sink) {
                        sink.add(line);
                        sink.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // The process went away; what was read is kept.
            }
        }, name);
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }

    /** Waits until a stdout line matches {@code regex} (searched, not anchored) and returns the match. */
    Matcher awaitLine(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (out) {
            while (true) {
                for (; seen < out.size(); seen++) {
                    Matcher m = p.matcher(out.get(seen));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail(description + ": no line matching /" + regex + "/ within " + timeout + "\n" + transcript());
                }
                try {
                    out.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }

    /** Waits for the "listening" line every server prints and returns the port it names. */
    int awaitPort() {
        return Integer.parseInt(awaitLine("port=(\\d+)\\)", STARTUP).group(1));
    }

    /** Waits for the process to exit and returns its status; fails the test if it does not. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(description + ": still running after " + timeout + "\n" + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        // The pumps end at end of stream, once they have taken the last lines.
        for (Thread t : pumps) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return process.exitValue();
    }

    /** Sends a signal by name ("TERM", "INT") with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            fail("kill -" + name + " " + process.pid() + " failed");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Every stdout line so far. */
    List<String> stdout() {
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    /** Every stderr line so far. */
    List<String> stderr() {
        synchronized (err) {
            return new ArrayList<>(err);
        }
    }

    /** Both streams, for failure messages. */
    String transcript() {
        return "--- " + description + " stdout:\n" + String.join("\n", stdout())
                + "\n--- stderr:\n" + String.join("\n", stderr());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
