package dev.twine.examples.weblog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of an Apache access log, in the common or combined format:
 * <pre>
 * %h %l %u %t "%r" %&gt;s %b                              (common)
 * %h %l %u %t "%r" %&gt;s %b "%{Referer}i" "%{User-agent}i"  (combined)
 * </pre>
 * A field the line does not have (the referer and agent of a common-format line) is {@code "-"}, as
 * Apache itself writes an absent value. A line that does not parse at all is kept whole as the
 * {@code request}, with every other field {@code "-"}, so nothing read from the log is lost.
 *
 * @param ip        the client address ({@code %h})
 * @param timestamp the time, without its brackets ({@code %t})
 * @param request   the request line, Apache's {@code \"} and {@code \\} escapes undone ({@code %r})
 * @param status    the final status ({@code %>s})
 * @param bytes     the response size, or {@code -} ({@code %b})
 * @param referer   the Referer header, or {@code -}
 * @param agent     the User-Agent header, or {@code -}
 */
record AccessLogRecord(String ip, String timestamp, String request, String status, String bytes,
        String referer, String agent) {

    private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] " + QUOTED + " (\\d{3}|-) (\\d+|-)"
                    + "(?: " + QUOTED + " " + QUOTED + ")?\\s*$");

    /** Parses one line (without its line break). */
    static AccessLogRecord parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return new AccessLogRecord("-", "-", orDash(line), "-", "-", "-", "-");
        }
        return new AccessLogRecord(m.group(1), m.group(4), orDash(unescape(m.group(5))), m.group(6), m.group(7),
                orDash(unescape(m.group(8))), orDash(unescape(m.group(9))));
    }

    /** The record as the weblog server sends it: one {@code <hit .../>} element and a line break. */
    String toXml() {
        return "<hit ip=\"" + Xml.escapeAttribute(ip)
                + "\" timestamp=\"" + Xml.escapeAttribute(timestamp)
                + "\" request=\"" + Xml.escapeAttribute(request)
                + "\" status=\"" + Xml.escapeAttribute(status)
                + "\" bytes=\"" + Xml.escapeAttribute(bytes)
                + "\" referer=\"" + Xml.escapeAttribute(referer)
                + "\" agent=\"" + Xml.escapeAttribute(agent)
                + "\"/>\n";
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** Undoes Apache's escaping of quotes and backslashes inside a quoted field. */
    private static String unescape(String s) {
        if (s == null || s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                sb.append(s.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
