package dev.twine.protocols.basic;

import dev.twine.defer.Failure;
import dev.twine.internet.IPushProducer;
import dev.twine.internet.Protocol;

/**
 * A protocol that receives strings each preceded by an unsigned big-endian length of
 * {@link #prefixLength()} bytes (Twisted's {@code twisted.protocols.basic.IntNStringReceiver},
 * semantics.md §3.2). Use {@link Int32StringReceiver}, {@link Int16StringReceiver} or
 * {@link Int8StringReceiver}.
 *
 * <ul>
 *   <li>Each complete string goes to {@link #stringReceived(byte[])}, whatever the chunk boundaries.</li>
 *   <li>A prefix announcing more than {@link #MAX_LENGTH} (default 99999) bytes calls
 *       {@link #lengthLimitExceeded(long)} at once, as soon as the prefix is complete; the string is
 *       never delivered, even if it arrived whole in the same chunk (Twisted's
 *       {@code test_longStringNotDelivered}). The default closes the connection with a
 *       {@link LengthLimitExceeded} Failure, after which nothing more is parsed.</li>
 *   <li>While {@link #pauseProducing() paused} no string is delivered; {@link #resumeProducing()}
 *       delivers what was buffered.</li>
 *   <li>{@link #sendString(byte[])} refuses, with {@link StringTooLongError}, a string whose length does
 *       not fit the prefix ({@code length >= 2^(8*prefixLength)}).</li>
 *   <li>{@code dataReceived} called again from inside {@code stringReceived} only buffers; the outer call
 *       delivers those bytes in order (Twine's addition; Twisted would re-parse).</li>
 * </ul>
 *
 * <p>Threading: reactor thread only.
 */
public abstract class IntNStringReceiver extends Protocol implements IPushProducer {
    /** The longest string accepted, in bytes; Twisted's default 99999. Set it in the constructor. */
    protected int MAX_LENGTH = 99999;
    /** True while {@link #pauseProducing()} is in effect: no string is delivered. */
    protected boolean paused;

    private final LineBuffer buffer = new LineBuffer();
    private boolean busyReceiving;
    private Failure brokenPeer;

    /** The size of the length prefix in bytes: 4, 2 or 1. */
    protected abstract int prefixLength();

    /** Called with each string received; the array is the callee's to keep. */
    public void stringReceived(byte[] string) {
        throw new UnsupportedOperationException(getClass().getName() + " must override stringReceived");
    }

    /**
     * Called when a prefix announces {@code length} bytes, more than {@link #MAX_LENGTH}. The default
     * closes this connection with a {@link LengthLimitExceeded} Failure (see {@link #brokenPeer()}).
     */
    public void lengthLimitExceeded(long length) {
        brokenPeer = Violations.closeConnection(this, new LengthLimitExceeded(length, MAX_LENGTH));
    }

    /** The Failure with which the default {@link #lengthLimitExceeded} closed the connection, or null. */
    public Failure brokenPeer() {
        return brokenPeer;
    }

    /**
     * Writes the length prefix and {@code string}.
     *
     * @throws StringTooLongError if the length does not fit the prefix; nothing is written
     */
    public void sendString(byte[] string) {
        int n = prefixLength();
        if (n < 4 && string.length >= 1 << (8 * n)) {
            throw new StringTooLongError("Try to send " + string.length + " bytes whereas maximum is "
                    + ((1 << (8 * n)) - 1));
        }
        byte[] out = new byte[n + string.length];
        long length = string.length;
        for (int i = n - 1; i >= 0; i--) {
            out[i] = (byte) length;
            length >>>= 8;
        }
        System.arraycopy(string, 0, out, n, string.length);
        transport.write(out);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (brokenPeer != null) {
            return;
        }
        buffer.append(data, 0, data.length);
        if (busyReceiving) {
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
        int n = prefixLength();
        while (buffer.size() >= n && !paused && brokenPeer == null) {
            long length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | buffer.byteAt(i);
            }
            if (length > MAX_LENGTH) {
                lengthLimitExceeded(length);
                return;
            }
            if (buffer.size() < n + length) {
                return;
            }
            buffer.skip(n);
            stringReceived(buffer.take((int) length, 0));
        }
    }

    /** Stops delivering strings, buffered ones included, and stops reading from the transport. */
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

    /** Stops for good: pauses delivery and stops the transport. */
    @Override
    public void stopProducing() {
        paused = true;
        transport.stopProducing();
    }
}
