package dev.twine.testing.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * What the two line-framer fuzz targets ({@link LineReceiverTarget}, {@link LineOnlyReceiverTarget}) share:
 * the {@link ParserTarget} side, written once over a {@link Log}. The targets cannot share a superclass,
 * because each must extend the framer it fuzzes, so the shared part is this interface's default methods
 * plus the state they read.
 *
 * <p>Messages are {@code L:<line>} and {@code EXCEEDED}; the line {@code quit} closes the connection.
 */
interface LineFramerTarget extends ParserTarget<String> {

    /** The state this target records into. */
    Log log();

    /** The framer's own {@code dataReceived}; every target is a protocol. */
    void dataReceived(byte[] data);

    @Override
    default void feed(byte[] chunk) {
        log().fed(chunk.length);
        dataReceived(chunk);
    }

    @Override
    default List<String> messages() {
        return log().messages;
    }

    @Override
    default long buffered() {
        return log().fed - log().consumed;
    }

    @Override
    default boolean closed() {
        return log().transport.isDisconnecting();
    }

    /**
     * The transport a target is connected to, its messages so far, and the byte counts that make
     * {@link #buffered()}: bytes fed minus bytes the framer handed on (a line with its delimiter, or a raw
     * block).
     */
    final class Log {
        final StringTransport transport = new StringTransport();
        private final List<String> messages = new ArrayList<>();
        private long fed;
        private long consumed;

        /** Counts {@code n} bytes as fed (a chunk, or a raw remainder handed back to line mode). */
        void fed(long n) {
            fed += n;
        }

        /** Counts {@code n} bytes as handed on by the framer. */
        void consumed(long n) {
            consumed += n;
        }

        /** Records {@code line} (sent with a delimiter of {@code delimiterLength}), closes on quit. */
        String line(byte[] line, int delimiterLength) {
            consumed(line.length + delimiterLength);
            String s = new String(line, ISO_8859_1);
            messages.add("L:" + s);
            if (s.equals("quit")) {
                transport.loseConnection();
            }
            return s;
        }

        /** Records a message other than a line (a raw block, or {@code EXCEEDED}). */
        void add(String message) {
            messages.add(message);
        }
    }
}
