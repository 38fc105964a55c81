package dev.twine.examples.lines;

import dev.twine.examples.HostPort;
import dev.twine.examples.Out;
import dev.twine.protocols.basic.LineReceiver;

/**
 * Echoes each line back (a {@link LineReceiver} with delimiter {@code \n}). A line ending in
 * {@code \r\n} is treated as ending in {@code \n} (the CR is stripped), so both Unix and network-style
 * clients work; the echo always ends in {@code \n}.
 *
 * <p>A line longer than {@code MAX_LENGTH} (16384 bytes) closes this connection only, after the
 * echoes already written have been flushed; other clients are not affected.
 */
final class LineEcho extends LineReceiver {
    LineEcho() {
        delimiter = new byte[] {'\n'};
        MAX_LENGTH = 16384;
    }

    @Override
    public void lineReceived(byte[] line) {
        int len = line.length;
        if (len > 0 && line[len - 1] == '\r') {
            line = java.util.Arrays.copyOf(line, len - 1);
        }
        sendLine(line);
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        Out.println("line longer than " + MAX_LENGTH + " bytes from " + HostPort.format(transport.getPeer())
                + "; dropping that connection");
        super.lineLengthExceeded(line);
    }
}
