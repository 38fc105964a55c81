package dev.twine.testing.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.protocols.basic.LineOnlyReceiver;
import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LineOnlyReceiver} as a fuzz target, with a small {@code MAX_LENGTH}. Messages are
 * {@code L:<line>} and {@code EXCEEDED}; the line {@code quit} closes.
 */
final class LineOnlyReceiverTarget extends LineOnlyReceiver implements ParserTarget<String> {
    static final int MAX = 32;
    /** A remainder may wait until it reaches MAX plus a partial delimiter. */
    static final long BOUND = MAX + dev.twine.protocols.basic.LineReceiver.CRLF.length - 1;

    private final StringTransport transport = new StringTransport();
    private final List<String> messages = new ArrayList<>();
    private long fed;
    private long consumed;

    LineOnlyReceiverTarget() {
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
