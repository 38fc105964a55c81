package dev.twine.testing.fuzz;

import dev.twine.protocols.basic.LineOnlyReceiver;

/**
 * {@link LineOnlyReceiver} as a fuzz target, with a small {@code MAX_LENGTH}. Messages are
 * {@code L:<line>} and {@code EXCEEDED}; the line {@code quit} closes ({@link LineFramerTarget}).
 */
final class LineOnlyReceiverTarget extends LineOnlyReceiver implements LineFramerTarget {
    static final int MAX = 32;
    /** A remainder may wait until it reaches MAX plus a partial delimiter. */
    static final long BOUND = MAX + dev.twine.protocols.basic.LineReceiver.CRLF.length - 1;

    private final Log log = new Log();

    LineOnlyReceiverTarget() {
        MAX_LENGTH = MAX;
        makeConnection(log.transport);
    }

    @Override
    public Log log() {
        return log;
    }

    @Override
    public void lineReceived(byte[] line) {
        log.line(line, delimiter.length);
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        log.add("EXCEEDED");
        super.lineLengthExceeded(line);
    }
}
