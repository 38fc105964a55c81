package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.base.ReactorBase;
import dev.twine.spi.ReactorBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Choosing a backend: {@link Reactors} and {@code -Dtwine.reactor} (architecture.md, "Selection"). Not per
 * backend: these tests are about the choice itself.
 */
class ReactorSelectionTest {

    @Test
    void unknownBackendNameFailsNamingTheReasonAndTheAvailableBackends() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Reactors.newReactor("nosuch"));
        assertEquals("backend nosuch: no such backend; available: " + availableNames(), e.getMessage());
    }

    @Test
    void namedBackendIsTheOneUsed() {
        IReactor reactor = Reactors.newReactor("select");
        try {
            assertEquals("select", reactor.backendName());
        } finally {
            ((ReactorBase) reactor).close();
        }
    }

    @Test
    void unavailableBackendFailsWithItsReason() {
        for (ReactorBackend<?> b : Reactors.registeredBackends()) {
            if (b.unavailabilityReason().isPresent()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> Reactors.newReactor(b.name()));
                assertTrue(e.getMessage().contains(b.unavailabilityReason().get()), e.getMessage());
                assertTrue(e.getMessage().endsWith("available: " + availableNames()), e.getMessage());
            }
        }
    }

    @Test
    void availableBackendsAreOrderedByPriorityAndIncludeSelect() {
        List<ReactorBackend<?>> available = Reactors.availableBackends();
        assertTrue(available.stream().anyMatch(b -> b.name().equals("select")), available.toString());
        for (int i = 1; i < available.size(); i++) {
            assertTrue(available.get(i - 1).priority() >= available.get(i).priority(), available.toString());
        }
        assertEquals(available.get(0).name(), Reactors.selectedBackend().name(),
                "with no twine.reactor property, the highest priority wins");
    }

    @Test
    void unknownBackendPropertyFailsAtStartupWithTheReasonAndTheAvailableBackends() throws Exception {
        Result r = java("-Dtwine.reactor=nosuch");
        assertNotEquals(0, r.exit, r.toString());
        assertTrue(r.stderr.contains("twine.reactor=nosuch: no such backend; available: " + availableNames()), r.toString());
    }

    @Test
    void backendPropertyChoosesTheBackend() throws Exception {
        Result r = java("-Dtwine.reactor=select");
        assertEquals(0, r.exit, r.toString());
        assertEquals("select", r.stdout.strip());
    }

    @Test
    void defaultReactorIsCreatedOnceAndInstallingAnotherRaises() throws Exception {
        Result r = java("-Dtwine.reactor=select", "default");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.stdout.startsWith("ok: "), r.toString());
        assertFalse(r.stderr.contains("Exception"), r.toString());
    }

    private static String availableNames() {
        return Reactors.availableBackends().stream().map(ReactorBackend::name).collect(Collectors.joining(", "));
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    /** Runs {@link NewReactorMain} in a new JVM with this test's class path. */
    private static Result java(String property, String... args) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), property,
                NewReactorMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = new Thread(() -> copy(p.getErrorStream(), err));
        errPump.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not exit within 60 s");
        }
        errPump.join(10_000);
        return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // The child is gone; what was read is what we report.
        }
    }
}
