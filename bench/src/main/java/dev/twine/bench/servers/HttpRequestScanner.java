package dev.twine.bench.servers;

/**
 * Finds the end of each HTTP/1.1 request: the empty line after the headers, then
 * {@code Content-Length} bytes of body if the request declared one (RFC 9112 section 6.3; chunked bodies
 * are not supported, and a load generator never sends them). Bare {@code LF} line endings are
 * accepted as RFC 9112 section 2.2 allows; {@code CR} is ignored.
 *
 * <p>Every request gets reply 1 (the plaintext response). The scanner keeps no bytes: it matches
 * the {@code content-length:} prefix case-insensitively as the line goes by and parses the digits
 * that follow, so header lines of any length cost nothing extra.
 */
public final class HttpRequestScanner implements RequestScanner {

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Bodies larger than this are counted as this: a guard against overflow, not a limit anyone meets. */
    private static final long MAX_BODY = 1L << 40;

    /** Bytes of the current line so far, CR excluded; 0 at the start of a line. */
    private int lineLength;
    /** How much of {@link #CONTENT_LENGTH} the current line has matched; -1 once it cannot. */
    private int prefixMatched;
    /** Content-Length of the current request, or 0. */
    private long contentLength;
    /** Body bytes still to skip; positive only while in a body. */
    private long bodyLeft;

    @Override
    public int step(byte b) {
        if (bodyLeft > 0) {
            return --bodyLeft == 0 ? 1 : NONE;
        }
        if (b == '\r') {
            return NONE;
        }
        if (b == '\n') {
            return endOfLine();
        }
        if (lineLength++ == 0) {
            prefixMatched = 0;
        }
        if (prefixMatched >= 0 && prefixMatched < CONTENT_LENGTH.length) {
            prefixMatched = toLower(b) == CONTENT_LENGTH[prefixMatched] ? prefixMatched + 1 : -1;
        } else if (prefixMatched == CONTENT_LENGTH.length && b >= '0' && b <= '9') {
            contentLength = Math.min(MAX_BODY, contentLength * 10 + (b - '0'));
        }
        return NONE;
    }

    private int endOfLine() {
        if (lineLength > 0) {
            lineLength = 0;
            return NONE;
        }
        // The empty line: the headers are complete.
        long body = contentLength;
        contentLength = 0;
        if (body > 0) {
            bodyLeft = body;
            return NONE;
        }
        return 1;
    }

    private static int toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
