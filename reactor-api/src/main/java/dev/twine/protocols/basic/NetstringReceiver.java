package dev.twine.protocols.basic;

import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import java.nio.charset.StandardCharsets;

/**
 * A protocol that receives netstrings (Twisted's {@code twisted.protocols.basic.NetstringReceiver},
 * semantics.md §3.1): {@code <length>:<payload>,} where the length is decimal ASCII without leading
 * zeros ({@code 0} itself is allowed, giving an empty string).
 *
 * <p>Each complete payload goes to {@link #stringReceived(byte[])}. The peer is broken, and its
 * connection closed with a {@link NetstringParseError} naming the cause, when:
 * <ul>
 *   <li>the data does not start with a digit, a length has a leading zero, or a non-digit other than
 *       {@code :} follows the digits ("does not start with a length specification");</li>
 *   <li>the length read so far exceeds {@link #MAX_LENGTH} (checked digit by digit, so an endless length
 *       is refused before its colon arrives, as Twisted refuses it from a partial prefix);</li>
 *   <li>the byte after the payload is not {@code ,}.</li>
 * </ul>
 * After that {@link #brokenPeer()} returns the Failure and nothing more is parsed. Input may be split at
 * any byte: the parser is a state machine over single bytes and keeps no more than one payload.
 *
 * <p>Subclasses may set {@link #MAX_LENGTH} (Twisted's class attribute) in their constructor.
 *
 * <p>Threading: reactor thread only.
 */
public class NetstringReceiver extends Protocol {
    /** The longest payload accepted, in bytes; Twisted's default 99999. */
    protected int MAX_LENGTH = 99999;

    /** Where the parser is in the current netstring. */
    private enum State { LENGTH, PAYLOAD, COMMA, BROKEN }

    private State state = State.LENGTH;
    private long length;
    private int lengthDigits;
    private boolean leadingZero;
    private byte[] payload;
    private int filled;
    private Failure brokenPeer;

    /** Called with each payload received; the array is the callee's to keep. */
    public void stringReceived(byte[] string) {
        throw new UnsupportedOperationException(getClass().getName() + " must override stringReceived");
    }

    /** Writes {@code string} as one netstring: its length in decimal, {@code :}, the bytes, {@code ,}. */
    public void sendString(byte[] string) {
        byte[] prefix = (string.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + string.length + 1];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(string, 0, out, prefix.length, string.length);
        out[out.length - 1] = ',';
        transport.write(out);
    }

    /** The Failure that broke the peer (Twisted's {@code brokenPeer} flag), or null while all is well. */
    public Failure brokenPeer() {
        return brokenPeer;
    }

    @Override
    public void dataReceived(byte[] data) {
        int i = 0;
        while (i < data.length && state != State.BROKEN) {
            switch (state) {
                case LENGTH -> i = readLength(data, i);
                case PAYLOAD -> i = readPayload(data, i);
                case COMMA -> i = readComma(data, i);
                case BROKEN -> { }
            }
        }
    }

    private int readLength(byte[] data, int i) {
        byte b = data[i];
        if (b == ':' && lengthDigits > 0) {
            payload = new byte[(int) length];
            filled = 0;
            state = State.PAYLOAD;
            return i + 1;
        }
        if (b < '0' || b > '9' || leadingZero) {
            // Twisted's _LENGTH_PREFIX is (0|[1-9]\d*): "01", "x" and "12x" all fail to match it.
            return broken("The received netstring does not start with a length specification.");
        }
        leadingZero = lengthDigits == 0 && b == '0';
        lengthDigits++;
        length = length * 10 + (b - '0');
        if (length > MAX_LENGTH) {
            return broken("The received netstring is longer than the maximum " + MAX_LENGTH
                    + " specified by self.MAX_LENGTH");
        }
        return i + 1;
    }

    private int readPayload(byte[] data, int i) {
        int n = Math.min(payload.length - filled, data.length - i);
        System.arraycopy(data, i, payload, filled, n);
        filled += n;
        if (filled == payload.length) {
            state = State.COMMA;
        }
        return i + n;
    }

    private int readComma(byte[] data, int i) {
        if (data[i] != ',') {
            return broken("The received netstring is not terminated by a comma.");
        }
        byte[] done = payload;
        payload = null;
        length = 0;
        lengthDigits = 0;
        leadingZero = false;
        state = State.LENGTH;
        stringReceived(done);
        return i + 1;
    }

    private int broken(String why) {
        state = State.BROKEN;
        payload = null;
        brokenPeer = Violations.closeConnection(this, new NetstringParseError(why));
        return Integer.MAX_VALUE;
    }
}
