package dev.twine.nativeio.windows;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every offset and constant in {@link WinLayout} and every code in {@link WinsockErrors} equals what the
 * mingw-w64 headers and the Win64 C compiler say ({@code .ci/wine/layout.c}).
 *
 * <p>The oracle runs as a Windows program: directly when this test runs on Windows (the Wine TCK run), or
 * under {@code wine} when this test runs on Linux with Wine installed. It is built with
 * {@code x86_64-w64-mingw32-gcc} if it is not there yet. Without a way to build or run it the test is
 * skipped with the reason. {@code -Dtwine.wine.layoutExe=PATH} points at a prebuilt oracle.
 */
class WinLayoutTest {

    /** AFD_POLL_* bits have no public header; the poller tests under Wine check them by behaviour. */
    private static final Set<String> NOT_IN_ANY_HEADER = Set.of(
            "AFD_POLL_RECEIVE", "AFD_POLL_RECEIVE_EXPEDITED", "AFD_POLL_SEND", "AFD_POLL_DISCONNECT",
            "AFD_POLL_ABORT", "AFD_POLL_LOCAL_CLOSE", "AFD_POLL_CONNECT", "AFD_POLL_ACCEPT",
            "AFD_POLL_CONNECT_FAIL");

    @Test
    void everyJavaLayoutConstantMatchesTheWin64Headers() throws Exception {
        Map<String, Long> oracle = runOracle();
        Map<String, Long> java = javaLayout();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Long> e : java.entrySet()) {
            Long c = oracle.get(e.getKey());
            if (c == null) {
                problems.add(e.getKey() + " is not printed by layout.c");
            } else if (!c.equals(e.getValue())) {
                problems.add(e.getKey() + ": Java " + e.getValue() + ", C " + c);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyWinsockErrorCodeMatchesTheHeaders() throws Exception {
        Map<String, Long> oracle = runOracle();
        for (String name : WinsockErrors.windowsNames()) {
            assertEquals(oracle.get(name), (long) WinsockErrors.code(name), name);
        }
    }

    @Test
    void theOraclePrintsNothingTheJavaTablesLack() throws Exception {
        Map<String, Long> oracle = new TreeMap<>(runOracle());
        oracle.keySet().removeAll(javaLayout().keySet());
        oracle.keySet().removeAll(List.of(WinsockErrors.windowsNames()));
        assertEquals(Map.of(), oracle);
    }

    /** Public static int/long constants of WinLayout, by field name. */
    private static Map<String, Long> javaLayout() throws IllegalAccessException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Field f : WinLayout.class.getFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || NOT_IN_ANY_HEADER.contains(f.getName())) {
                continue;
            }
            if (f.getType() == int.class) {
                values.put(f.getName(), (long) f.getInt(null));
            } else if (f.getType() == long.class) {
                values.put(f.getName(), f.getLong(null));
            }
        }
        return values;
    }

    private static Map<String, Long> cached;

    private static synchronized Map<String, Long> runOracle() throws IOException, InterruptedException {
        if (cached != null) {
            return cached;
        }
        Path exe = locateOrBuildOracle();
        List<String> command = new ArrayList<>();
        if (!Win32.isWindows()) {
            assumeTrue(onPath("wine"), "wine is not installed, so the Win64 layout oracle cannot run here");
            command.add("wine");
        }
        command.add(exe.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!Win32.isWindows()) {
            Path root = repositoryRoot();
            pb.environment().putIfAbsent("WINEPREFIX", root.resolve("target/wine/prefix").toString());
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
        cached = values;
        return values;
    }

    private static Path locateOrBuildOracle() throws IOException, InterruptedException {
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
        Process cc = new ProcessBuilder("x86_64-w64-mingw32-gcc", "-O1", "-Wall", "-Werror", "-o", exe.toString(),
                source.toString(), "-lws2_32").inheritIO().start();
        assertTrue(cc.waitFor(120, TimeUnit.SECONDS), "mingw gcc did not finish");
        assertEquals(0, cc.exitValue(), "building layout.exe failed");
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
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
