package dev.twine.nativeio.bsd;

import java.util.Locale;

/**
 * Which {@code kevent} to call and in which ABI: the C library's own (macOS, FreeBSD), or a library
 * given by path, such as libkqueue or the project's test emulation on Linux.
 *
 * <p>Chosen from the environment by {@link #fromEnvironment()}, in this order:
 * <ol>
 *   <li>{@value #LIBRARY_PROPERTY} (or the environment variable {@value #LIBRARY_ENV}): the path
 *       of a shared library exporting {@code kqueue} and {@code kevent}; absent means the C
 *       library;</li>
 *   <li>{@value #ABI_PROPERTY} (or {@value #ABI_ENV}): {@code darwin}, {@code freebsd} or
 *       {@code libkqueue}; absent means the running system's own ABI, which only macOS and FreeBSD
 *       have.</li>
 * </ol>
 * A wrong ABI is not trusted to be harmless: the poller verifies it at start-up and refuses to run.
 *
 * @param library the shared library's path, or {@code null} for the C library
 * @param layout  the ABI of its {@code struct kevent} and {@code EVFILT_USER}
 */
public record KqueueConfig(String library, KeventLayout layout) {

    /** System property naming the kqueue library. */
    public static final String LIBRARY_PROPERTY = "twine.kqueue.library";
    /** System property naming the kevent ABI: darwin, freebsd or libkqueue. */
    public static final String ABI_PROPERTY = "twine.kqueue.abi";
    /** Environment variable read when {@value #LIBRARY_PROPERTY} is not set. */
    public static final String LIBRARY_ENV = "TWINE_KQUEUE_LIBRARY";
    /** Environment variable read when {@value #ABI_PROPERTY} is not set. */
    public static final String ABI_ENV = "TWINE_KQUEUE_ABI";

    public KqueueConfig {
        if (layout == null) {
            throw new IllegalArgumentException("a kevent layout is required");
        }
        if (library != null && library.isBlank()) {
            library = null;
        }
    }

    /** The C library's own kqueue on macOS or FreeBSD, in that system's ABI. */
    public static KqueueConfig system(KeventLayout layout) {
        return new KqueueConfig(null, layout);
    }

    /** A kqueue library loaded by path (libkqueue, the test emulation), in the given ABI. */
    public static KqueueConfig library(String path, KeventLayout layout) {
        return new KqueueConfig(path, layout);
    }

    /**
     * The configuration the system properties and environment ask for.
     *
     * @throws UnsupportedOperationException with a sentence saying why, when this system has no
     *         kqueue of its own and no library was named, or a library was named without an ABI
     * @throws IllegalArgumentException if the ABI name is unknown
     */
    public static KqueueConfig fromEnvironment() {
        String library = setting(LIBRARY_PROPERTY, LIBRARY_ENV);
        String abi = setting(ABI_PROPERTY, ABI_ENV);
        String os = System.getProperty("os.name", "unknown");
        KeventLayout layout = abi != null ? KeventLayout.forName(abi) : KeventLayout.forOperatingSystem(os);
        if (layout == null) {
            if (library != null) {
                throw new UnsupportedOperationException(LIBRARY_PROPERTY + " names " + library
                        + " but " + os + " has no kevent ABI of its own: set " + ABI_PROPERTY
                        + " to darwin, freebsd or libkqueue");
            }
            throw new UnsupportedOperationException("kqueue is a macOS and FreeBSD facility and this is " + os
                    + "; to use a kqueue library here (libkqueue, or Twine's test emulation) set "
                    + LIBRARY_PROPERTY + " and " + ABI_PROPERTY);
        }
        if (library == null && KeventLayout.forOperatingSystem(os) == null) {
            throw new UnsupportedOperationException(os + " has no kqueue in its C library; set "
                    + LIBRARY_PROPERTY + " to a kqueue library");
        }
        return new KqueueConfig(library, layout);
    }

    /** True when the kqueue calls come from the running system's own C library. */
    public boolean isSystem() {
        return library == null;
    }

    /** For messages: "the C library, darwin (32-byte struct kevent, EVFILT_USER -10)". */
    public String describe() {
        return (library == null ? "the C library" : library) + ", " + layout.describe();
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
