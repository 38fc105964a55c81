package dev.twine.backend.kqueue;

import dev.twine.nativeio.bsd.KeventLayout;
import dev.twine.nativeio.bsd.KqueueConfig;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test support: builds Twine's kqueue EMULATION ({@code src/test/c/kqshim.c}, kqueue on Linux epoll)
 * with gcc into {@code target/kqshim/}, once per JVM and ABI, through {@code build-kqshim.sh}.
 *
 * <p>Where it cannot be built (not Linux, no gcc) the calling test is skipped with the reason, so a
 * machine without a C compiler still runs everything else. A build that fails for any other reason
 * (a compile error) fails the test.
 */
public final class KqShim {

    /** The two ABIs the emulation is compiled for. */
    public enum Abi {
        DARWIN("darwin", KeventLayout.DARWIN),
        FREEBSD("freebsd", KeventLayout.FREEBSD);

        final String name;
        final KeventLayout layout;

        Abi(String name, KeventLayout layout) {
            this.name = name;
            this.layout = layout;
        }

        /** The kevent layout this build speaks. */
        public KeventLayout layout() {
            return layout;
        }
    }

    private static final Map<Abi, Path> BUILT = new EnumMap<>(Abi.class);
    private static final long BUILD_PATIENCE_SECONDS = 120;

    private KqShim() {
    }

    /** The built library for {@code abi}; skips the calling test where it cannot be built. */
    public static synchronized Path library(Abi abi) {
        Path built = BUILT.get(abi);
        if (built != null) {
            return built;
        }
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                "the kqueue emulation is built on Linux epoll; on macOS/FreeBSD the real kqueue is tested");
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path script = module.resolve("src/test/c/build-kqshim.sh");
        Path out = module.resolve("target/kqshim");
        try {
            Process p = new ProcessBuilder("sh", script.toString(), abi.name, out.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(BUILD_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("building the kqueue emulation timed out");
            }
            Assumptions.assumeTrue(p.exitValue() != 3, "cannot build the kqueue emulation: " + output);
            if (p.exitValue() != 0) {
                throw new AssertionError("building the kqueue emulation failed:\n" + output);
            }
            String[] lines = output.split("\n");
            built = Path.of(lines[lines.length - 1].trim());
            if (!Files.isRegularFile(built)) {
                throw new AssertionError("the build did not produce " + built + ":\n" + output);
            }
        } catch (IOException e) {
            Assumptions.abort("cannot run sh to build the kqueue emulation: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        BUILT.put(abi, built);
        return built;
    }

    /** The configuration that points the kqueue binding at the emulation built for {@code abi}. */
    public static KqueueConfig config(Abi abi) {
        return KqueueConfig.library(library(abi).toString(), abi.layout);
    }
}
