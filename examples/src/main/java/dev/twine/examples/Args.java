package dev.twine.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The programs' shared command-line parsing, in the style of the tutorials' {@code optparse}: options
 * {@code --name VALUE} or {@code --name=VALUE} anywhere, everything else positional, and {@code --}
 * ending the options.
 *
 * <p>Each program declares which options it takes; anything else is a {@link UsageException}, as is a
 * value that does not parse. Not thread-safe; used once, at start-up.
 */
public final class Args {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses {@code argv}, accepting only the options named in {@code known} (with their leading
     * dashes), each of which takes a value.
     */
    public static Args parse(List<String> argv, Set<String> known) throws UsageException {
        Args a = new Args();
        boolean optionsDone = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (optionsDone || !arg.startsWith("--") || arg.equals("-")) {
                a.positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsDone = true;
                continue;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < argv.size()) {
                value = argv.get(++i);
            } else {
                value = null;
            }
            if (!known.contains(name)) {
                throw new UsageException("no such option: " + name);
            }
            if (value == null) {
                throw new UsageException(name + " option requires an argument");
            }
            a.options.put(name, value);
        }
        return a;
    }

    /** The positional arguments, in order. */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** The option's value, or {@code fallback} if it was not given. */
    public String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** True if the option was given. */
    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** A TCP port, 0 to 65535 (0 lets the OS pick one). */
    public int port(String name, int fallback) throws UsageException {
        int p = integer(name, fallback);
        if (p < 0 || p > 65535) {
            throw new UsageException(name + " must be a port number, 0 to 65535: " + p);
        }
        return p;
    }

    /** A whole number. */
    public int integer(String name, int fallback) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number: " + v);
        }
    }

    /** A finite, non-negative number of seconds. */
    public double seconds(String name, double fallback) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number of seconds: " + v);
        }
        if (!Double.isFinite(d) || d < 0) {
            throw new UsageException(name + " must be a finite, non-negative number of seconds: " + v);
        }
        return d;
    }

    /** Exactly one positional argument, described as {@code what} in the error. */
    public String single(String what) throws UsageException {
        if (positional.size() != 1) {
            throw new UsageException("expected exactly one " + what + ", got " + positional.size() + " arguments");
        }
        return positional.get(0);
    }
}
