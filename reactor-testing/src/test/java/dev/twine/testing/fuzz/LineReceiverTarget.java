package dev.twine.testing.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.protocols.basic.LineReceiver;
import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LineReceiver} as a fuzz target, with a small {@code MAX_LENGTH} so that the fuzzer reaches the
 * limit, and with raw mode exercised the way protocols use it: the line {@code raw N} (N a digit) switches
 * to raw mode for exactly N bytes, then back to line mode with whatever followed them. The line
 * {@code quit} closes. Messages are {@code L:<line>}, {@code R:<raw block>} and {@code EXCEEDED}.
 */
final class LineReceiverTarget extends LineReceiver implements ParserTarget<String> {
    static final int MAX = 32;
    /** An unterminated line may wait until it reaches MAX plus a partial delimiter. */
    static final long BOUND = MAX + CRLF.length - 1;

    private final StringTransport transport = new StringTransport();
    private final List<String> messages = new ArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    private int rawWanted;
    private long fed;
    private long consumed;

    LineReceiverTarget() {
        MAX_LENGTH = MAX;
        makeConnection(transport);
    }

    @Override
    public void feed(byte[] chunk) {
        fed += chunk.length;
        dataReceived(chunk);
    }

    @Override
    public void lineReceived(byte[] line) {
        consumed += line.length + delimiter.length;
        String s = new String(line, ISO_8859_1);
        messages.add("L:" + s);
        if (s.equals("quit")) {
            transport.loseConnection();
        } else if (s.length() == 5 && s.startsWith("raw ") && Character.isDigit(s.charAt(4)) && s.charAt(4) != '0') {
            rawWanted = s.charAt(4) - '0';
            setRawMode();
        }
    }

    @Override
    public void rawDataReceived(byte[] data) {
        consumed += data.length;
        int take = Math.min(rawWanted - raw.length(), data.length);
        raw.append(new String(data, 0, take, ISO_8859_1));
        if (raw.length() == rawWanted) {
            messages.add("R:" + raw);
            raw.setLength(0);
            byte[] rest = java.util.Arrays.copyOfRange(data, take, data.length);
            fed += rest.length;
            setLineMode(rest);
        }
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        messages.add("EXCEEDED");
        super.lineLengthExceeded(line);
    }

    @Override
    public List<String> messages() {
        return messages;
    }

    @Override
    public long buffered() {
        return fed - consumed;
    }

    @Override
    public boolean closed() {
        return transport.isDisconnecting();
    }
}
