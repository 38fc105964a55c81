package dev.twine.all;

import dev.twine.internet.Reactors;
import dev.twine.spi.ReactorBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Which Twine, which backends, and which binding this JVM would run: the first thing to look at when a
 * reactor does not start or is not the one expected.
 *
 * <p>{@code java -m dev.twine.all} (module path) or {@code java -cp ... dev.twine.all.Diagnostics}
 * (class path) prints, for example:
 * <pre>
 * twine 0.1.0 on Java 17.0.15 (Linux amd64)
 * backend epoll: available, priority 100, binding jnr-ffi 2.2.17
 * backend kqueue: unavailable (...)
 * backend select: available, priority 0, binding java.nio
 * selected: epoll
 * </pre>
 * The lines come from {@link Reactors#registeredBackends()} and {@link Reactors#selectedBackend()}, so they
 * honour {@code -Dtwine.reactor}; a requested backend that cannot run is reported on the last line as
 * {@code selected: none (reason)} rather than thrown.
 *
 * <p>Stateless; safe to call from any thread.
 */
public final class Diagnostics {

    private Diagnostics() {
    }

    /**
     * Prints {@link #describe()} to standard output, one line each.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        print(System.out);
    }

    /**
     * Prints {@link #describe()} to {@code out}, one line each.
     *
     * @param out where the lines go
     */
    public static void print(PrintStream out) {
        describe().forEach(out::println);
    }

    /**
     * The report as lines.
     *
     * @return Twine's version and the JVM, then one line per registered backend (highest priority first),
     *         then the backend a new reactor would use
     */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("twine " + version(Reactors.class) + " on Java " + System.getProperty("java.version")
                + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        for (ReactorBackend b : Reactors.registeredBackends()) {
            lines.add("backend " + b.name() + ": " + b.unavailabilityReason()
                    .map(why -> "unavailable (" + why + ")")
                    .orElse("available, priority " + b.priority() + ", binding " + binding(b)));
        }
        String selected;
        try {
            selected = Reactors.selectedBackend().name();
        } catch (IllegalStateException e) {
            selected = "none (" + e.getMessage() + ")";
        }
        lines.add("selected: " + selected);
        return lines;
    }

    /**
     * How {@code backend} reaches the OS. The select backend is pure {@code java.nio}; every other backend
     * in Twine calls the OS through the jnr-ffi bindings of {@code dev.twine.nativeio}, so its version is
     * the one that matters when a native call misbehaves.
     */
    static String binding(ReactorBackend backend) {
        if (backend.name().equals("select")) {
            return "java.nio";
        }
        return "jnr-ffi " + jnrFfiVersion();
    }

    /**
     * The version of the jar that holds {@code type}: its module's version on the module path (the JDK gives
     * packages of named modules no manifest attributes), else its manifest's Implementation-Version.
     */
    private static String version(Class<?> type) {
        Optional<String> moduleVersion = Optional.ofNullable(type.getModule().getDescriptor())
                .flatMap(ModuleDescriptor::rawVersion);
        if (moduleVersion.isPresent()) {
            return moduleVersion.get();
        }
        String v = type.getPackage().getImplementationVersion();
        return v != null ? v : "(unknown version)";
    }

    /**
     * jnr-ffi's manifest has no Implementation-Version, so the version is read from the Maven properties
     * its jar carries. META-INF is not a package, so this works on the module path as on the class path.
     */
    private static String jnrFfiVersion() {
        try {
            Class<?> runtime = Class.forName("jnr.ffi.Runtime");
            try (InputStream in = runtime.getResourceAsStream("/META-INF/maven/com.github.jnr/jnr-ffi/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("version", "(unknown version)");
                }
            }
        } catch (ClassNotFoundException | IOException | LinkageError e) {
            return "(not loadable: " + e + ")";
        }
        return "(unknown version)";
    }
}
