package dev.twine.internet;

import dev.twine.internet.error.ServiceNameUnknownError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a service name such as {@code "http"} into its TCP port, as C's {@code getservbyname(name, "tcp")}
 * does with its "files" source: by reading the services database, {@code /etc/services} on POSIX
 * systems and {@code %SystemRoot%\System32\drivers\etc\services} on Windows (services(5): one
 * {@code name port/protocol [alias...]} per line, {@code #} starts a comment). Names and aliases match
 * exactly, case included, as glibc compares them; a number such as {@code "80"} is not a name. Twisted's
 * {@code tcp.Connector} does the same lookup and raises {@code ServiceNameUnknownError} when it fails
 * (semantics.md §3.11).
 *
 * <p>The database is read once, on first use. Thread-safe.
 */
public final class ServiceNames {
    private static volatile Map<String, Integer> tcpPorts;

    private ServiceNames() {
    }

    /**
     * The TCP port of the service {@code name}.
     *
     * @throws ServiceNameUnknownError if the services database has no TCP service or alias of that name,
     *                                 or there is no services database
     */
    public static int tcpPort(String name) {
        Integer port = database().get(name);
        if (port == null) {
            throw new ServiceNameUnknownError("Service name given as port is unknown: service/proto not found ("
                    + "'" + name + "')");
        }
        return port;
    }

    private static Map<String, Integer> database() {
        Map<String, Integer> db = tcpPorts;
        if (db == null) {
            db = parse(read());
            tcpPorts = db;
        }
        return db;
    }

    private static List<String> read() {
        String root = System.getenv("SystemRoot");
        Path path = root != null && System.getProperty("os.name", "").startsWith("Windows")
                ? Path.of(root, "System32", "drivers", "etc", "services")
                : Path.of("/etc/services");
        try {
            return Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // No database: every name is unknown, exactly as getservbyname fails without one.
            return List.of();
        }
    }

    /** The TCP entries of services(5) lines: each name and alias to its port; the first entry wins. */
    static Map<String, Integer> parse(List<String> lines) {
        Map<String, Integer> ports = new HashMap<>();
        for (String raw : lines) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            int slash = fields[1].indexOf('/');
            if (slash < 0 || !fields[1].substring(slash + 1).equals("tcp")) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(fields[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (port < 0 || port > 65535) {
                continue;
            }
            ports.putIfAbsent(fields[0], port);
            for (int i = 2; i < fields.length; i++) {
                ports.putIfAbsent(fields[i], port);
            }
        }
        return Map.copyOf(ports);
    }
}
