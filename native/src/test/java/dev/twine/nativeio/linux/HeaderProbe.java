package dev.twine.nativeio.linux;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This machine's C headers as a test oracle: a generated program is compiled (gcc, or g++ for checks
 * that need C++'s type traits) into {@code target/native-layout}, run, and its {@code KEY<TAB>VALUE}
 * lines returned. Shared by both bindings' checks: {@code NativeLayoutTest} (the tables both bindings
 * use) and the Panama binding's descriptor check in {@code twine-native-panama}.
 *
 * <p>Skips the calling test (a JUnit assumption) with the reason when not on Linux, when the compiler is
 * missing, or when the program does not build (missing headers). Stateless.
 */
public final class HeaderProbe {

    private HeaderProbe() {
    }

    /**
     * Compiles {@code source} with {@code compiler} and runs it.
     *
     * @param compiler {@code gcc} or {@code g++}
     * @param name     the file name, without extension, under {@code target/native-layout}
     * @param source   the program; it prints {@code KEY\tVALUE} lines and exits 0
     * @return every {@code KEY\tVALUE} line, in order
     */
    public static Map<String, String> run(String compiler, String name, String source)
            throws IOException, InterruptedException {
        Path binary = compile(compiler, name, source, List.of());
        Process run = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(run.waitFor(1, TimeUnit.MINUTES), name + " finished");
        assertEquals(0, run.exitValue(), output);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                values.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return values;
    }

    /**
     * Compiles {@code source} with gcc into the shared library {@code target/native-layout/lib<name>.so},
     * for tests that bind a stand-in library through a native binding.
     */
    public static Path sharedLibrary(String name, String source) throws IOException, InterruptedException {
        return compile("gcc", "lib" + name, source, List.of("-shared", "-fPIC"));
    }

    private static Path compile(String compiler, String name, String source, List<String> flags)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "Linux headers only");
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "native-layout").toAbsolutePath();
        Files.createDirectories(dir);
        boolean cxx = compiler.endsWith("++");
        boolean shared = flags.contains("-shared");
        Path file = dir.resolve(name + (cxx ? ".cc" : ".c"));
        Path binary = dir.resolve(shared ? name + ".so" : name);
        Files.writeString(file, source, StandardCharsets.US_ASCII);
        List<String> command = new ArrayList<>(List.of(compiler, cxx ? "-std=c++17" : "-std=c11", "-Wall"));
        command.addAll(flags);
        command.addAll(List.of("-o", binary.toString(), file.toString()));
        Process cc;
        try {
            cc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            Assumptions.abort(compiler + " is not installed: " + missing.getMessage());
            return binary;
        }
        String ccOutput = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(cc.waitFor(2, TimeUnit.MINUTES) && cc.exitValue() == 0,
                compiler + " could not build " + file + " (missing headers?): " + ccOutput);
        return binary;
    }
}
