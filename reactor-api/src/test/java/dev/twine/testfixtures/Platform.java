package dev.twine.testfixtures;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test on an operating system it cannot run on, naming the reason in the report. Tests of
 * Linux-only mechanisms (epoll, {@code /proc}, the Linux struct layouts the bindings assume) call
 * {@link #assumeLinux()} first, so a run elsewhere shows them as skipped rather than failed.
 */
public final class Platform {
    private Platform() {
    }

    /** True when this JVM runs on Linux. */
    public static boolean isLinux() {
        return System.getProperty("os.name", "").startsWith("Linux");
    }

    /** Aborts the calling test (reported as skipped, "Linux only") unless this JVM runs on Linux. */
    public static void assumeLinux() {
        Assumptions.assumeTrue(isLinux(), "Linux only");
    }
}
