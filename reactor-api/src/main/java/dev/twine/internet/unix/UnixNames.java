package dev.twine.internet.unix;

/**
 * How Twine writes UNIX socket names (semantics.md §8.1): a path, or a Linux abstract name, which the
 * kernel marks with a leading NUL and which may be written with a leading {@code '@'} instead, as
 * {@code ss(8)} and {@code socat} print them. Stateless.
 */
public final class UnixNames {
    private UnixNames() {
    }

    /** The name as the socket layer takes it: a leading {@code '@'} becomes NUL; anything else is kept. */
    public static String normalize(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a UNIX socket name must not be empty");
        }
        return name.charAt(0) == '@' ? '\0' + name.substring(1) : name;
    }

    /** True for an abstract name (leading NUL): it has no file, mode or lock file. */
    public static boolean isAbstract(String normalized) {
        return !normalized.isEmpty() && normalized.charAt(0) == '\0';
    }

    /** The name as messages show it: abstract names with {@code '@'}. */
    public static String display(String normalized) {
        return isAbstract(normalized) ? "@" + normalized.substring(1) : normalized;
    }
}
