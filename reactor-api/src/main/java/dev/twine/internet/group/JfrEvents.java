package dev.twine.internet.group;

/**
 * Emits the JFR events of the stall detector when the {@code jdk.jfr} module is present (semantics.md §5.4).
 * The module is optional ({@code requires static}): a runtime image without it (a trimmed jlinked JRE) or a
 * module-path application that does not resolve it simply gets no events, and the event class is never
 * loaded there.
 */
final class JfrEvents {
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent()
            && JfrEvents.class.getModule().canRead(ModuleLayer.boot().findModule("jdk.jfr").get());

    private JfrEvents() {
    }

    static void stall(StallReport r) {
        if (AVAILABLE) {
            LoopStallEvent.commit(r);
        }
    }
}
