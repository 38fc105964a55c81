package dev.twine.testing;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import java.io.ByteArrayOutputStream;

/**
 * A protocol that keeps everything it receives and records its connection's life (Twisted's
 * {@code twisted.internet.testing.AccumulatingProtocol}), the usual peer in transport tests.
 *
 * <p>{@link #made} and {@link #closed} count the calls (Twisted's flags, 0 or 1 in a correct transport, so a
 * test can also catch a second {@code connectionLost}); {@link #closedReason} is the last reason.
 * {@link #madeDeferred} and {@link #closedDeferred}, when set, are fired once (with this protocol, and with
 * {@code null}) and then cleared, so a test on a real reactor can wait for either. Reactor thread only.
 */
public class AccumulatingProtocol extends Protocol {
    /** How many times {@code connectionMade} ran. */
    public int made;
    /** How many times {@code connectionLost} ran. */
    public int closed;
    /** The reason given to the last {@code connectionLost}, or {@code null}. */
    public Failure closedReason;
    /** Fired with this protocol by the next {@code connectionMade}, then cleared. */
    public Deferred<AccumulatingProtocol> madeDeferred;
    /** Fired with {@code null} by the next {@code connectionLost}, then cleared. */
    public Deferred<Void> closedDeferred;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /** A protocol that has received nothing. */
    public AccumulatingProtocol() {
    }

    /** Everything received so far, in order. */
    public byte[] data() {
        return data.toByteArray();
    }

    /** {@link #data()} as ISO-8859-1 text, one char per byte. */
    public String dataAsString() {
        return data.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public void connectionMade() {
        made++;
        Deferred<AccumulatingProtocol> d = madeDeferred;
        if (d != null) {
            madeDeferred = null;
            d.callback(this);
        }
    }

    @Override
    public void dataReceived(byte[] bytes) {
        data.writeBytes(bytes);
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        closed++;
        closedReason = reason;
        Deferred<Void> d = closedDeferred;
        if (d != null) {
            closedDeferred = null;
            d.callback(null);
        }
    }
}
