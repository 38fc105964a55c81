package dev.twine.nativeio.windows;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Win64 C truth for layout tests: what {@code .ci/wine/layout.c}, compiled by mingw-w64, prints as
 * {@code NAME VALUE} lines (sizes, offsets, constants). Shared by both bindings' checks
 * ({@code WinLayoutTest} here, the Panama binding's descriptor and structure checks in
 * {@code twine-native-panama}), so the jnr and Panama views are compared with the same program.
 *
 * <p>The oracle runs as a Windows program: directly when the test runs on Windows (the Wine TCK run), or
 * under {@code wine} on Linux with Wine installed ({@code .ci/setup.d/40-wine.sh}). It is built with
 * {@code x86_64-w64-mingw32-gcc} when missing or older than its source. Without a way to build or run it
 * the calling test is skipped (a JUnit assumption) with the reason. {@code -Dtwine.wine.layoutExe=PATH}
 * points at a prebuilt oracle.
 *
 * <p>Thread-safe: the output is computed once per JVM under a lock.
 */
public final class Win64Oracle {

    private static Map<String, Long> cached;

    private Win64Oracle() {
    }

    /**
     * Every {@code NAME VALUE} line the oracle printed, in order.
     *
     * @throws org.opentest4j.TestAbortedException when the oracle cannot be built or run here
     */
    public static synchronized Map<String, Long> values() throws IOException, InterruptedException {
        if (cached != null) {
            return cached;
        }
        Path exe = locateOrBuild();
        List<String> command = new ArrayList<>();
        if (!Win32.isWindows()) {
            assumeTrue(onPath("wine"), "wine is not installed, so the Win64 layout oracle cannot run here");
            command.add("wine");
        }
        command.add(exe.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!Win32.isWindows()) {
            pb.environment().putIfAbsent("WINEPREFIX", repositoryRoot().resolve("target/wine/prefix").toString());
            pb.environment().put("WINEDEBUG", "-all");
            pb.environment().put("WINEDLLOVERRIDES", "mscoree,mshtml=");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "layout oracle did not finish");
        assertEquals(0, p.exitValue(), "layout oracle exit status");
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2) {
                values.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        assertTrue(values.size() > 100, "layout oracle printed too little:\n" + out);
        cached = Collections.unmodifiableMap(values);
        return cached;
    }

    private static Path locateOrBuild() throws IOException, InterruptedException {
        String given = System.getProperty("twine.wine.layoutExe");
        if (given != null && !given.isEmpty()) {
            Path p = Path.of(given);
            assumeTrue(Files.isRegularFile(p), "twine.wine.layoutExe names a missing file: " + given);
            return p;
        }
        Path root = repositoryRoot();
        Path source = root.resolve(".ci/wine/layout.c");
        Path exe = root.resolve("target/wine/layout.exe");
        if (Files.isRegularFile(exe) && Files.getLastModifiedTime(exe).compareTo(Files.getLastModifiedTime(source)) >= 0) {
            return exe;
        }
        assumeTrue(!Win32.isWindows() && onPath("x86_64-w64-mingw32-gcc"),
                "layout.exe is not built and x86_64-w64-mingw32-gcc is not available to build it");
        Files.createDirectories(exe.getParent());
        // Built under a temporary name and moved, so that two test JVMs (native, native-panama) never run
        // a half-written executable.
        Path partial = Files.createTempFile(exe.getParent(), "layout", ".exe");
        Process cc = new ProcessBuilder("x86_64-w64-mingw32-gcc", "-O1", "-Wall", "-Werror", "-o", partial.toString(),
                source.toString(), "-lws2_32").inheritIO().start();
        assertTrue(cc.waitFor(120, TimeUnit.SECONDS), "mingw gcc did not finish");
        assertEquals(0, cc.exitValue(), "building layout.exe failed");
        Files.move(partial, exe, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return exe;
    }

    /** The checkout root: the nearest directory upwards that holds {@code .ci/wine/layout.c}. */
    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(".ci/wine/layout.c"))) {
                return d;
            }
        }
        assumeTrue(false, "cannot find .ci/wine/layout.c above " + dir);
        return dir;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
