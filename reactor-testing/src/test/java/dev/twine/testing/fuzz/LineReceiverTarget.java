package dev.twine.testing.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.protocols.basic.LineReceiver;

/**
 * {@link LineReceiver} as a fuzz target, with a small {@code MAX_LENGTH} so that the fuzzer reaches the
 * limit, and with raw mode exercised the way protocols use it: the line {@code raw N} (N a digit) switches
 * to raw mode for exactly N bytes, then back to line mode with whatever followed them. The line
 * {@code quit} closes. Messages are {@code L:<line>}, {@code R:<raw block>} and {@code EXCEEDED}
 * ({@link LineFramerTarget}).
 */
final class LineReceiverTarget extends LineReceiver implements LineFramerTarget {
    static final int MAX = 32;
    /** An unterminated line may wait until it reaches MAX plus a partial delimiter. */
    static final long BOUND = MAX + CRLF.length - 1;

    private final Log log = new Log();
    private final StringBuilder raw = new StringBuilder();
    private int rawWanted;

    LineReceiverTarget() {
        MAX_LENGTH = MAX;
        makeConnection(log.transport);
    }

    @Override
    public Log log() {
        return log;
    }

    @Override
    public void lineReceived(byte[] line) {
        String s = log.line(line, delimiter.length);
        if (s.length() == 5 && s.startsWith("raw ") && Character.isDigit(s.charAt(4)) && s.charAt(4) != '0') {
            rawWanted = s.charAt(4) - '0';
            setRawMode();
        }
    }

    @Override
    public void rawDataReceived(byte[] data) {
        log.consumed(data.length);
        int take = Math.min(rawWanted - raw.length(), data.length);
        raw.append(new String(data, 0, take, ISO_8859_1));
        if (raw.length() == rawWanted) {
            log.add("R:" + raw);
            raw.setLength(0);
            byte[] rest = java.util.Arrays.copyOfRange(data, take, data.length);
            log.fed(rest.length);
            setLineMode(rest);
        }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        log.add("EXCEEDED");
        super.lineLengthExceeded(line);
    }
}
