package dev.twine.internet.endpoints;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One endpoint description split into its fields by Twisted's grammar (semantics.md §1.14.1): the prefix,
 * the positional arguments and the {@code key=value} arguments, all unescaped.
 *
 * <p>Fields are separated by {@code :}. In a field, the first {@code =} separates a key from its value; any
 * later {@code =} belongs to the value ({@code a=b=c} is key {@code a}, value {@code b=c}). A backslash
 * makes the next character literal, so {@code \:}, {@code \=} and {@code \\} stand for themselves. This is
 * how Twisted's {@code endpoints._tokenize} and {@code _parse} read a description; Twine's one difference
 * is that a description ending in a lone backslash is refused (Twisted fails with a {@code RuntimeError}
 * from its tokenizer).
 */
record Description(String prefix, List<String> args, Map<String, String> kwargs) {

    /** Splits {@code description}; see the class comment. */
    static Description parse(String description) {
        List<String> args = new ArrayList<>();
        Map<String, String> kwargs = new LinkedHashMap<>();
        StringBuilder current = new StringBuilder();
        String key = null;
        int n = description.length();
        for (int i = 0; i < n; i++) {
            char c = description.charAt(i);
            if (c == '\\') {
                if (i + 1 == n) {
                    throw new IllegalArgumentException("the description ends in a lone backslash");
                }
                current.append(description.charAt(++i));
            } else if (c == ':') {
                add(args, kwargs, key, current.toString());
                key = null;
                current.setLength(0);
            } else if (c == '=' && key == null) {
                key = current.toString();
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(args, kwargs, key, current.toString());
        if (firstFieldIsKeyword(description)) {
            // Twisted would take the first positional field, wherever it is, as the type; a description that
            // starts with key=value is a mistake worth naming.
            throw new IllegalArgumentException("the description must start with its endpoint type, not a key=value");
        }
        String prefix = args.remove(0);
        return new Description(prefix, Collections.unmodifiableList(args), Collections.unmodifiableMap(kwargs));
    }

    private static boolean firstFieldIsKeyword(String description) {
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':') {
                return false;
            } else if (c == '=') {
                return true;
            }
        }
        return false;
    }

    private static void add(List<String> args, Map<String, String> kwargs, String key, String value) {
        if (key == null) {
            args.add(value);
        } else {
            // A repeated key keeps its last value, as the dict in Twisted's _parse does.
            kwargs.put(key, value);
        }
    }

    /**
     * Escapes {@code argument} so that it is read back as one literal field (Twisted's
     * {@code quoteStringArgument}): backslashes and colons get a backslash. An {@code =} is not escaped,
     * also as in Twisted, so a value quoted for a positional field must not contain one.
     */
    static String quote(String argument) {
        StringBuilder out = new StringBuilder(argument.length() + 8);
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\' || c == ':') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
