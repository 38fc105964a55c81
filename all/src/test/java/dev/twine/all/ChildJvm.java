package dev.twine.all;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@link Diagnostics} in a child JVM of the running JDK, for the tests whose subject is start-up: which
 * binding and backend a fresh JVM picks under given system properties and class path.
 */
final class ChildJvm {

    /** What the child printed (standard output and error together) and its exit status. */
    record Result(String output, int status) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private ChildJvm() {
    }

    /** Runs {@code java OPTIONS -cp CLASS_PATH dev.twine.all.Diagnostics}, waiting at most 60 s. */
    static Result diagnostics(String classPath, List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath, Diagnostics.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not exit");
            return new Result(output, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
