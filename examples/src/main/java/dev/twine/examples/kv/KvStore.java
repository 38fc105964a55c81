package dev.twine.examples.kv;

import java.util.HashMap;
import java.util.Map;

/**
 * The key-value server's data and its command language, one command per message (UTF-8):
 * <pre>
 * SET key value   -&gt; OK              (the value is the rest of the message, spaces included)
 * GET key         -&gt; VALUE value | NOT_FOUND
 * DEL key         -&gt; DELETED | NOT_FOUND
 * anything else   -&gt; ERROR reason
 * </pre>
 * Keys are one word. A malformed command is answered with {@code ERROR} and the connection stays up: it
 * is a mistake in the content, not in the framing. Kept in memory: a restarted server starts empty.
 *
 * <p>Threading: reactor thread only.
 */
final class KvStore {
    private final Map<String, String> values = new HashMap<>();

    /** Runs one command and returns the reply. */
    String execute(String command) {
        String[] parts = command.split(" ", 3);
        String verb = parts[0];
        switch (verb) {
            case "SET" -> {
                if (parts.length < 3 || parts[1].isEmpty()) {
                    return "ERROR usage: SET key value";
                }
                values.put(parts[1], parts[2]);
                return "OK";
            }
            case "GET", "DEL" -> {
                if (parts.length != 2 || parts[1].isEmpty()) {
                    return "ERROR usage: " + verb + " key";
                }
                String v = verb.equals("GET") ? values.get(parts[1]) : values.remove(parts[1]);
                if (v == null) {
                    return "NOT_FOUND";
                }
                return verb.equals("GET") ? "VALUE " + v : "DELETED";
            }
            default -> {
                return "ERROR unknown command: " + (verb.length() > 20 ? verb.substring(0, 20) + "..." : verb);
            }
        }
    }

    int size() {
        return values.size();
    }
}
