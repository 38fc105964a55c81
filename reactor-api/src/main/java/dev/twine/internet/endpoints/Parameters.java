package dev.twine.internet.endpoints;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a description bound to a parser's parameter names as Python binds a call's arguments,
 * which is how Twisted's parsers receive them ({@code parser(*args, **kwargs)}): positional fields fill
 * the parameters in order, keyword fields by name; too many positional fields, an unknown keyword, or a
 * parameter given twice is refused. The conversions give messages that name the parameter and value.
 *
 * <p>Public so that parsers in other packages (TLS, UNIX sockets) bind their fields the same way.
 * Immutable; any thread.
 */
public final class Parameters {
    private final String endpoint;
    private final Map<String, String> values;

    private Parameters(String endpoint, Map<String, String> values) {
        this.endpoint = endpoint;
        this.values = values;
    }

    /**
     * Binds {@code args} and {@code kwargs} to {@code names}, in order.
     *
     * @param endpoint names the endpoint type in messages, e.g. {@code "tcp server"}
     * @throws IllegalArgumentException for too many positional fields, an unknown keyword, or a parameter
     *                                  given both by position and by name
     */
    public static Parameters bind(String endpoint, List<String> names, List<String> args, Map<String, String> kwargs) {
        if (args.size() > names.size()) {
            throw new IllegalArgumentException(endpoint + " takes at most " + names.size() + " positional field(s) "
                    + names + ", got " + args.size() + " " + args);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            values.put(names.get(i), args.get(i));
        }
        for (Map.Entry<String, String> e : kwargs.entrySet()) {
            if (!names.contains(e.getKey())) {
                throw new IllegalArgumentException(endpoint + " has no parameter '" + e.getKey() + "' (it takes "
                        + names + ")");
            }
            if (values.containsKey(e.getKey())) {
                throw new IllegalArgumentException(endpoint + " got '" + e.getKey()
                        + "' both as a positional field and as a keyword");
            }
            values.put(e.getKey(), e.getValue());
        }
        return new Parameters(endpoint, values);
    }

    /** True if the parameter was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The parameter's text, or {@code fallback} if it was not given. */
    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The parameter's text. @throws IllegalArgumentException if it was not given */
    public String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(endpoint + " needs '" + name + "'");
        }
        return v;
    }

    /** The parameter as a decimal integer, or {@code fallback}. */
    public int integer(String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : parseInt(name, v);
    }

    /** The parameter as a decimal integer. @throws IllegalArgumentException if missing or not a number */
    public int requiredInteger(String name) {
        return parseInt(name, required(name));
    }

    /** The parameter as a port number, 0 to 65535. @throws IllegalArgumentException if missing or bad */
    public int requiredPort(String name) {
        int port = requiredInteger(name);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(endpoint + ": '" + name + "' must be a port number from 0 to 65535, got "
                    + port);
        }
        return port;
    }

    /**
     * The parameter as a local address to bind with port 0, or {@code null} (Twisted's parsers turn
     * {@code bindAddress=IP} into {@code (IP, 0)}). An IP address is expected; a name is looked up now.
     */
    public InetSocketAddress bindAddress(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        InetSocketAddress address = new InetSocketAddress(v, 0);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(endpoint + ": '" + name + "' is not an address: '" + v + "'");
        }
        return address;
    }

    private int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(endpoint + ": '" + name + "' must be an integer, got '" + v + "'", e);
        }
    }
}
