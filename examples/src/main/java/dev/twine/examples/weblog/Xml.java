package dev.twine.examples.weblog;

/** XML escaping for attribute values. */
final class Xml {
    private Xml() {
    }

    /**
     * Escapes {@code text} for use inside a double- or single-quoted attribute: markup characters become
     * entities, tab/CR/LF become character references (a parser would otherwise normalise them to
     * spaces), and characters XML 1.0 cannot carry at all (other C0 controls, unpaired surrogates,
     * U+FFFE, U+FFFF) become U+FFFD, so that the output is always well-formed.
     */
    static String escapeAttribute(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        sb.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
