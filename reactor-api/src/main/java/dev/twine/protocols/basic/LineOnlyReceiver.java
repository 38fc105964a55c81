package dev.twine.protocols.basic;

import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import java.util.List;

/**
 * A protocol that receives only lines (Twisted's {@code twisted.protocols.basic.LineOnlyReceiver},
 * semantics.md §1.15): simpler than {@link LineReceiver}, with no raw mode and no pausing.
 *
 * <p>Each complete line (delimiter stripped) goes to {@link #lineReceived(byte[])}. A delimited line
 * longer than {@link #MAX_LENGTH} calls {@link #lineLengthExceeded(byte[])} with that line alone and stops
 * processing the chunk; leftover unterminated bytes longer than {@code MAX_LENGTH} call it with the
 * leftover, unless what is beyond {@code MAX_LENGTH} is the start of the delimiter (a line of exactly
 * {@code MAX_LENGTH} bytes whose delimiter is split across two chunks is delivered, whatever the split). The default closes the connection. Buffered lines are not delivered once the transport is
 * disconnecting.
 *
 * <p>Threading: reactor thread only.
 */
public class LineOnlyReceiver extends Protocol {
    /** The line delimiter; CR LF unless a subclass changes it. */
    protected byte[] delimiter = LineReceiver.CRLF;
    /** The longest line, in bytes, that is delivered; Twisted's default 16384. */
    protected int MAX_LENGTH = 16384;

    private final LineBuffer buffer = new LineBuffer();
    private Failure brokenPeer;

    /** Called with each line received, delimiter stripped. */
    public void lineReceived(byte[] line) {
        throw new UnsupportedOperationException(getClass().getName() + " must override lineReceived");
    }

    /**
     * Called with an overlong line or leftover; the default closes the connection, as Twisted's does, with a
     * {@link LineLengthExceeded} Failure that is logged and kept as {@link #brokenPeer()}.
     */
    public void lineLengthExceeded(byte[] line) {
        brokenPeer = Violations.closeConnection(this, new LineLengthExceeded(MAX_LENGTH));
    }

    /** The Failure with which the default {@link #lineLengthExceeded} closed the connection, or null. */
    public Failure brokenPeer() {
        return brokenPeer;
    }

    /** Writes {@code line} and the delimiter as one sequence (Twisted uses {@code writeSequence}). */
    public void sendLine(byte[] line) {
        transport.writeSequence(List.of(line, delimiter));
    }

    @Override
    public void dataReceived(byte[] data) {
        buffer.append(data, 0, data.length);
        while (true) {
            if (transport != null && transport.isDisconnecting()) {
                // Twisted checks before each line: nothing more is delivered once closing.
                return;
            }
            int at = buffer.indexOf(delimiter);
            if (at < 0) {
                break;
            }
            byte[] line = buffer.take(at, delimiter.length);
            if (line.length > MAX_LENGTH) {
                lineLengthExceeded(line);
                return;
            }
            lineReceived(line);
        }
        int over = buffer.size() - MAX_LENGTH;
        if (over > 0 && !(over < delimiter.length && buffer.endsWithPrefixOf(delimiter, over))) {
            // Twisted refuses any remainder longer than MAX_LENGTH, so a line of exactly MAX_LENGTH bytes is
            // delivered or refused depending on whether its CR arrived with it or in the next chunk (found by
            // LineFramersFuzzTest). MAX_LENGTH bytes followed by a partial delimiter therefore still wait, as
            // in LineReceiver.
            lineLengthExceeded(buffer.takeAll());
        }
    }
}
