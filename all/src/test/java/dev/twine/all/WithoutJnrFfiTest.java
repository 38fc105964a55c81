package dev.twine.all;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On JDK 22+ an application may leave jnr-ffi (and jffi, and ASM, which only jnr-ffi needs) out of
 * its dependencies (by excluding {@code twine-native-jnr}, which brings them): the epoll backend then runs
 * on the Panama binding, no jnr-ffi or jffi class is loaded, and the JDK prints no warning (semantics.md
 * §6.1). Checked in a child JVM of this JDK, with this test's class path minus those jars and
 * {@code native-jnr}'s classes. {@code .ci/quickstart/run.sh} checks the same on the module path.
 */
class WithoutJnrFfiTest {

    private static final List<String> JNR_JARS = List.of("jnr-", "jffi-", "asm-", "twine-native-jnr");

    @Test
    @EnabledOnOs(OS.LINUX)
    void epollRunsOnPanamaWithJnrFfiExcludedAndLoadsNoJnrClassNorWarns() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the Panama binding needs JDK 22+");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> JNR_JARS.stream().noneMatch(new File(entry).getName()::startsWith))
                .filter(entry -> !entry.contains("native-jnr" + File.separator + "target"))
                .collect(Collectors.joining(File.pathSeparator));
        assumeTrue(classPath.contains("twine-native-panama") || classPath.contains("native-panama"),
                "the Panama artifact is on the class path");
        ChildJvm.Result child = ChildJvm.diagnostics(classPath, List.of("--enable-native-access=ALL-UNNAMED", "-verbose:class"));
        String output = child.output();
        assertEquals(0, child.status(), output);
        List<String> lines = output.lines().collect(Collectors.toList());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("backend epoll: available, priority 100, binding panama:")),
                lines.stream().filter(l -> !l.startsWith("[")).collect(Collectors.joining("\n")));
        assertTrue(lines.contains("selected: epoll"), output);
        assertFalse(lines.stream().anyMatch(l -> l.contains(" jnr.ffi.") || l.contains(" com.kenai.jffi.")),
                "a jnr-ffi or jffi class was loaded");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("WARNING")), output);
    }
}
