package dev.twine.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a Python 3 that can import Twisted, for the interoperability tests. Debian's
 * {@code python3-twisted} installs into {@code /usr/bin/python3}, which is tried first: a pyenv or venv
 * {@code python3} earlier on the PATH would not see it.
 */
final class Python {
    private static final String INTERPRETER = find();

    private Python() {
    }

    /** Skips the calling test, naming the reason, when no Python with Twisted is installed. */
    static String requireTwisted() {
        Assumptions.assumeTrue(INTERPRETER != null,
                "python3-twisted is not installed (run .ci/setup.d/20-python-twisted.sh); skipping the Python interop test");
        return INTERPRETER;
    }

    /** The command line for one of the peers in {@code examples/python/}. */
    static List<String> peer(String script, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(requireTwisted());
        cmd.add(Examples.dir().resolve("python").resolve(script).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String find() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            if (candidate.startsWith("/") && !Files.isExecutable(Path.of(candidate))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import twisted").redirectErrorStream(true).start();
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
