package dev.twine.tck.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real TLS peer in another process ({@code openssl s_client}/{@code s_server}, or Twisted through
 * {@code src/test/python/tls_peer.py}) for the interoperability rows. Output (stdout and stderr merged)
 * is collected line by line; every wait is bounded; {@link #close()} kills what is still running. A peer
 * that is not installed skips the test, naming what is missing and how to install it. Public for the other
 * interoperability rows (e.g. {@code dev.twine.tck.unix}), which run their own scripts in
 * {@code src/test/python} through {@link #twistedScript}.
 */
public final class PeerProcess implements AutoCloseable {
    private static final String PYTHON = findPython("import twisted.internet.ssl, OpenSSL, service_identity");
    /** A Python with Twisted alone, looked up on first use by {@link #twistedScript}. */
    private static String plainTwistedPython;

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private PeerProcess(String name, List<String> command) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        this.reader = new Thread(this::readAll, "peer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code openssl ARGS}; skips the test when openssl cannot be run here. */
    static PeerProcess openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            return new PeerProcess("openssl", command);
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed (apt-get install openssl): " + e.getMessage());
            throw e;
        }
    }

    /** {@code tls_peer.py ARGS} on a Python with Twisted, pyOpenSSL and service_identity; else skips. */
    static PeerProcess twisted(String... args) throws IOException {
        Assumptions.assumeTrue(PYTHON != null, "python3-twisted, python3-openssl or python3-service-identity is not"
                + " installed (run .ci/setup.d/20-python-twisted.sh); skipping the Twisted TLS interop test");
        List<String> command = new ArrayList<>(List.of(PYTHON, script("tls_peer.py").toString()));
        command.addAll(List.of(args));
        return new PeerProcess("twisted", command);
    }

    /**
     * {@code src/test/python/SCRIPT ARGS} on a Python that can import Twisted (Debian's
     * {@code python3-twisted}); else skips the test, naming the package.
     */
    public static synchronized PeerProcess twistedScript(String script, String... args) throws IOException {
        assumeTwisted();
        List<String> command = new ArrayList<>(List.of(plainTwistedPython, script(script).toString()));
        command.addAll(List.of(args));
        return new PeerProcess(script, command);
    }

    /**
     * Skips the test unless a Python that can import Twisted is installed, as {@link #twistedScript} does.
     * A test that opens ports or connections before it starts its peer calls this first: skipped after
     * listening, it would leave the reactor unclean and fail in the harness's check instead of skipping.
     */
    public static synchronized void assumeTwisted() {
        if (plainTwistedPython == null) {
            plainTwistedPython = findPython("import twisted.internet.reactor");
        }
        Assumptions.assumeTrue(plainTwistedPython != null, "python3-twisted is not installed (run"
                + " .ci/setup.d/20-python-twisted.sh); skipping the Twisted interop test");
    }

    /** Whether {@code haproxy -v} runs here; looked up on first use by {@link #assumeHaproxy}. */
    private static Boolean haproxyRuns;

    /**
     * Skips the test unless {@code haproxy} can be run here, naming the setup script that installs it. A test
     * calls this before it opens anything, as {@link #assumeTwisted} explains.
     */
    public static synchronized void assumeHaproxy() {
        // Debian's haproxy is a Linux program. Under Wine, the Windows JVM's failed CreateProcess for it was
        // followed twice by the next test's socket() failing (WSAENOTSOCK, then error 6), so it is not tried.
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("windows"),
                "haproxy is a Linux peer; the Windows rows do not start it");
        if (haproxyRuns == null) {
            try {
                Process p = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                haproxyRuns = p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                haproxyRuns = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                haproxyRuns = false;
            }
        }
        Assumptions.assumeTrue(haproxyRuns, "haproxy is not installed (run .ci/setup.d/30-haproxy.sh)");
    }

    /**
     * {@code haproxy -db -f CONFIG} (Debian's {@code haproxy}, in the foreground); skips the test when it cannot
     * be run here, naming the setup script that installs it. Call {@link #assumeHaproxy} first.
     */
    public static PeerProcess haproxy(Path config) throws IOException {
        try {
            return new PeerProcess("haproxy", List.of("haproxy", "-db", "-f", config.toString()));
        } catch (IOException e) {
            Assumptions.abort("haproxy is not installed (run .ci/setup.d/30-haproxy.sh): " + e.getMessage());
            throw e;
        }
    }

    /** A loopback port that nothing listens on right now, for a peer that cannot pick its own. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(TlsFixtures.LOOPBACK, 0));
            return s.getLocalPort();
        }
    }

    /** Waits for a line matching {@code regex} and returns it; fails with the transcript after {@code seconds}. */
    public String awaitLine(String regex, double seconds) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (p.matcher(lines.get(seen)).find()) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError(name + ": no line matching " + regex + "\n" + transcript());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Writes {@code text} to the peer's stdin. */
    public void send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    /** Closes the peer's stdin (openssl s_client then ends its connection). */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for the exit status; fails with the transcript after {@code seconds}. */
    public int awaitExit(double seconds) throws InterruptedException {
        if (!process.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + seconds + " s\n" + transcript());
        }
        reader.join(5000);
        return process.exitValue();
    }

    public String transcript() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readAll() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process went away; what was read is kept.
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    private static Path script(String name) {
        // Surefire runs in the module directory.
        Path p = Path.of("src", "test", "python", name);
        return Files.exists(p) ? p.toAbsolutePath() : Path.of("reactor-tck").resolve(p).toAbsolutePath();
    }

    /**
     * Debian's python3-twisted installs into /usr/bin/python3, tried first: a pyenv or venv python3
     * earlier on the PATH would not see it.
     */
    private static String findPython(String imports) {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", imports)
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // Not there: try the next one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
