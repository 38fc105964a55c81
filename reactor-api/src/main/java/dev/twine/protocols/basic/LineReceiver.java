package dev.twine.protocols.basic;

import dev.twine.internet.IPushProducer;
import dev.twine.internet.Protocol;

/**
 * A protocol that receives lines and/or raw data, depending on its mode (Twisted's
 * {@code twisted.protocols.basic.LineReceiver}, semantics.md §1.15).
 *
 * <p>In line mode, every complete line (the bytes before {@link #delimiter}, which is not included) is
 * handed to {@link #lineReceived(byte[])}; in raw mode, everything goes to {@link #rawDataReceived(byte[])}.
 * The rules, all Twisted's:
 * <ul>
 *   <li>A line of exactly {@link #MAX_LENGTH} bytes is accepted. A delimited line longer than that calls
 *       {@link #lineLengthExceeded(byte[])} with the line, the delimiter and everything after it, and the
 *       buffer is emptied. An unterminated buffer reaching {@code MAX_LENGTH + delimiter.length} bytes does
 *       the same with the whole buffer (so {@code MAX_LENGTH} bytes plus a partial delimiter still wait).
 *       The default {@code lineLengthExceeded} closes the connection: a peer that sends an overlong line
 *       loses its own connection and nobody else's.</li>
 *   <li>Lines already buffered stop being delivered once the transport is disconnecting (the application
 *       called {@code loseConnection}), or while the protocol is {@link #pauseProducing() paused}.</li>
 *   <li>{@link #dataReceived(byte[])} called again from inside {@code lineReceived} (for example by
 *       {@link #setLineMode(byte[])}) only buffers; the outer call delivers those bytes in order.</li>
 * </ul>
 *
 * <p>Subclasses set {@link #delimiter} and {@link #MAX_LENGTH} (Twisted's class attributes, hence the
 * names) in their constructor, before any data arrives.
 *
 * <p>As an {@link IPushProducer} it can be registered with another consumer so that backpressure there
 * stops lines here: pausing stops line delivery and pauses the transport; resuming delivers what was
 * buffered and resumes the transport.
 *
 * <p>Threading: reactor thread only, like every protocol.
 */
public class LineReceiver extends Protocol implements IPushProducer {
    /** Twisted's default delimiter, CR LF. */
    public static final byte[] CRLF = {'\r', '\n'};

    /** The line delimiter; CR LF unless a subclass changes it. Not copied: do not mutate it later. */
    protected byte[] delimiter = CRLF;
    /** The longest line, in bytes (delimiter excluded), that is delivered; Twisted's default 16384. */
    protected int MAX_LENGTH = 16384;
    /** True while {@link #pauseProducing()} is in effect: no line is delivered. */
    protected boolean paused;

    private final LineBuffer buffer = new LineBuffer();
    private boolean lineMode = true;
    private boolean busyReceiving;

    /** Called with each line received, delimiter stripped. The array is the callee's to keep. */
    public void lineReceived(byte[] line) {
        throw new UnsupportedOperationException(getClass().getName() + " must override lineReceived");
    }

    /** Called in raw mode with every chunk of bytes. */
    public void rawDataReceived(byte[] data) {
        throw new UnsupportedOperationException(getClass().getName() + " must override rawDataReceived");
    }

    /**
     * Called when a line is longer than {@link #MAX_LENGTH}; {@code line} holds the overlong data (see the
     * class comment for exactly what). The default closes the connection, as Twisted's does.
     */
    public void lineLengthExceeded(byte[] line) {
        transport.loseConnection();
    }

    /** Writes {@code line} followed by the delimiter. */
    public void sendLine(byte[] line) {
        byte[] out = new byte[line.length + delimiter.length];
        System.arraycopy(line, 0, out, 0, line.length);
        System.arraycopy(delimiter, 0, out, line.length, delimiter.length);
        transport.write(out);
    }

    /** Splits the buffered and new bytes into lines (or raw data) and delivers them. */
    @Override
    public void dataReceived(byte[] data) {
        buffer.append(data, 0, data.length);
        if (busyReceiving) {
            // Re-entered from lineReceived: the outer loop will see these bytes after the current line.
            return;
        }
        busyReceiving = true;
        try {
            deliver();
        } finally {
            busyReceiving = false;
        }
    }

    private void deliver() {
        while (!buffer.isEmpty() && !paused) {
            if (!lineMode) {
                rawDataReceived(buffer.takeAll());
                continue;
            }
            int at = buffer.indexOf(delimiter);
            if (at < 0) {
                if (buffer.size() >= MAX_LENGTH + delimiter.length) {
                    lineLengthExceeded(buffer.takeAll());
                }
                return;
            }
            if (at > MAX_LENGTH) {
                lineLengthExceeded(buffer.takeAll());
                return;
            }
            lineReceived(buffer.take(at, delimiter.length));
            if (transport != null && transport.isDisconnecting()) {
                return;
            }
        }
    }

    /** Sends all further data to {@link #rawDataReceived}, including what is already buffered. */
    public void setRawMode() {
        lineMode = false;
    }

    /**
     * Goes back to line mode; {@code extra} (may be null or empty) is parsed as if just received, ahead of
     * anything received later.
     */
    public void setLineMode(byte[] extra) {
        lineMode = true;
        if (extra != null && extra.length > 0) {
            dataReceived(extra);
        }
    }

    /** True in line mode (the initial mode). */
    public boolean isLineMode() {
        return lineMode;
    }

    /** Removes and returns every buffered byte not yet delivered. */
    public byte[] clearLineBuffer() {
        return buffer.takeAll();
    }

    /** Stops delivering lines, buffered ones included, and stops reading from the transport. */
    @Override
    public void pauseProducing() {
        paused = true;
        transport.pauseProducing();
    }

    /** Resumes reading, then delivers whatever was buffered while paused. */
    @Override
    public void resumeProducing() {
        paused = false;
        transport.resumeProducing();
        dataReceived(new byte[0]);
    }

    /** Stops for good: pauses delivery and closes the transport. */
    @Override
    public void stopProducing() {
        paused = true;
        transport.stopProducing();
    }
}
