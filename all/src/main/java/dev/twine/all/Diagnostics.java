package dev.twine.all;

import dev.twine.internet.Reactors;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Twine, which backends, and which binding this JVM would run: the first thing to look at when a
 * reactor does not start or is not the one expected.
 *
 * <p>{@code java -m dev.twine.all} (module path) or {@code java -cp ... dev.twine.all.Diagnostics}
 * (class path) prints, for example:
 * <pre>
 * twine 0.1.0 on Java 17.0.15 (Linux amd64)
 * backend epoll: available, priority 100, binding panama: JDK 25 &gt;= 22 and the Panama binding (twine-native-panama) is present
 * backend kqueue: unavailable (...)
 * backend select: available, priority 0, binding java.nio
 * selected: epoll
 * </pre>
 * The lines after the first come from {@link Reactors#diagnostics()}, so they
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
        lines.addAll(Reactors.diagnostics());
        return lines;
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
}
