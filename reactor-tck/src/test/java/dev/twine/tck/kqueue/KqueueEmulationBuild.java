package dev.twine.tck.kqueue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds Twine's kqueue EMULATION ({@code backend-kqueue/src/test/c/kqshim.c}: kqueue on Linux epoll,
 * for tests only) into this module's {@code target/kqshim/}, once per JVM and ABI, by running the
 * emulation's own {@code build-kqshim.sh}, the one place its compiler flags live.
 *
 * <p>Failures are returned as {@link UnsupportedOperationException}s whose message is a sentence
 * saying why (not Linux, no gcc, a compile error), which the kqueue backend reports as its
 * unavailability reason, so the conformance suite skips these backends with that reason.
 */
final class KqueueEmulationBuild {

    private static final String SCRIPT = "backend-kqueue/src/test/c/build-kqshim.sh";
    private static final long PATIENCE_SECONDS = 120;
    private static final Map<String, Path> BUILT = new HashMap<>();

    private KqueueEmulationBuild() {
    }

    /**
     * The emulation library for {@code abi} ({@code darwin} or {@code freebsd}), built if needed.
     *
     * @throws UnsupportedOperationException saying why it cannot be built here
     */
    static synchronized Path library(String abi) {
        Path built = BUILT.get(abi);
        if (built != null) {
            return built;
        }
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            throw new UnsupportedOperationException("the kqueue emulation is built on Linux epoll;"
                    + " on macOS and FreeBSD the real kqueue backend runs instead");
        }
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path script = findScript(module);
        Path out = module.resolve("target/kqshim");
        String output;
        int status;
        try {
            Process p = new ProcessBuilder("sh", script.toString(), abi, out.toString())
                    .redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UnsupportedOperationException("building the kqueue emulation timed out");
            }
            status = p.exitValue();
        } catch (IOException e) {
            throw new UnsupportedOperationException("cannot run sh to build the kqueue emulation: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnsupportedOperationException("interrupted while building the kqueue emulation");
        }
        if (status != 0) {
            throw new UnsupportedOperationException("cannot build the kqueue emulation (" + abi + "): " + output);
        }
        String[] lines = output.split("\n");
        built = Path.of(lines[lines.length - 1].trim());
        if (!Files.isRegularFile(built)) {
            throw new UnsupportedOperationException("building the kqueue emulation produced no library: " + output);
        }
        BUILT.put(abi, built);
        return built;
    }

    /** The build script, found from this module's directory upwards (the repository root holds it). */
    private static Path findScript(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new UnsupportedOperationException("cannot find " + SCRIPT + " above " + from);
    }
}
