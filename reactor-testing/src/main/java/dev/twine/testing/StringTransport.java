package dev.twine.testing;

import dev.twine.internet.IAddress;
import dev.twine.internet.IPv4Address;
import java.util.Objects;

/**
 * A transport that keeps in memory what a protocol writes and records how the protocol asked it to close
 * or to pause (Twisted's {@code twisted.internet.testing.StringTransport}, semantics.md §1.17). Nothing is
 * sent anywhere and no reactor is involved, so a protocol can be unit-tested in a few lines:
 *
 * <pre>{@code
 * StringTransport t = new StringTransport();
 * Echo echo = new Echo();
 * echo.makeConnection(t);
 * echo.dataReceived("hello\r\n".getBytes(US_ASCII));
 * assertEquals("hello\r\n", t.valueAsString());
 * }</pre>
 *
 * <p><b>Closing.</b> As in Twisted, {@link #loseConnection()} only sets {@link #isDisconnecting()}: the
 * test decides whether and when the protocol's {@code connectionLost} follows (or uses
 * {@link StringTransportWithDisconnection}, which calls it at once). {@link #abortConnection()} also
 * records {@link #isAborted()}; {@link #loseWriteConnection()} records {@link #isWriteConnectionLost()}.
 *
 * <p><b>Producers.</b> {@link #registerProducer} and {@link #unregisterProducer()} follow Twisted's rules
 * (a second registration, or unregistering with none registered, is an error). The protocol's own calls
 * to this transport's {@code pauseProducing}/{@code resumeProducing}/{@code stopProducing} are recorded in
 * {@link #producerState()}; a stopped transport cannot be paused or resumed.
 *
 * <p><b>Addresses.</b> {@link #getHost()} and {@link #getPeer()} return the addresses given to the
 * constructor, by default Twisted's {@code 10.0.0.1:12345} and {@code 192.168.1.1:54321}.
 *
 * <p>Not thread-safe: like every transport it belongs to one thread, the test's.
 */
public class StringTransport extends MemoryTransport {
    /** Twisted's default host address for a {@code StringTransport}. */
    public static final IAddress DEFAULT_HOST = new IPv4Address("TCP", "10.0.0.1", 12345);
    /** Twisted's default peer address for a {@code StringTransport}. */
    public static final IAddress DEFAULT_PEER = new IPv4Address("TCP", "192.168.1.1", 54321);

    private boolean disconnecting;
    private boolean aborted;
    private boolean writeConnectionLost;
    private ProducerState producerState = ProducerState.PRODUCING;

    /** A transport with Twisted's default addresses. */
    public StringTransport() {
        this(DEFAULT_HOST, DEFAULT_PEER);
    }

    /** A transport reporting {@code host} as {@link #getHost()} and {@code peer} as {@link #getPeer()}. */
    public StringTransport(IAddress host, IAddress peer) {
        super(Objects.requireNonNull(host, "host"), Objects.requireNonNull(peer, "peer"));
    }

    /** Everything written since the transport was made or last {@link #clear() cleared}. */
    public byte[] value() {
        return writtenBytes();
    }

    /** {@link #value()} decoded as ISO-8859-1, one char per byte, which suits assertions on text protocols. */
    public String valueAsString() {
        return writtenAsLatin1();
    }

    /** Forgets what was written so far. */
    public void clear() {
        discardWritten();
    }

    /** What the protocol last asked of this transport as a producer. */
    public ProducerState producerState() {
        return producerState;
    }

    /** Whether the registered producer is a streaming (push) producer (Twisted's {@code streaming}). */
    @Override
    public boolean isStreaming() {
        return super.isStreaming();
    }

    /** True once {@link #abortConnection()} was called. */
    public boolean isAborted() {
        return aborted;
    }

    /** True once {@link #loseWriteConnection()} was called. */
    public boolean isWriteConnectionLost() {
        return writeConnectionLost;
    }

    /** Sets {@link #isDisconnecting()}; the protocol's {@code connectionLost} is the test's to call. */
    @Override
    public void loseConnection() {
        disconnecting = true;
    }

    @Override
    public boolean isDisconnecting() {
        return disconnecting;
    }

    /** Records the half-close; reading (further {@code dataReceived}) stays the test's business. */
    @Override
    public void loseWriteConnection() {
        writeConnectionLost = true;
    }

    /** Records the abort and sets {@link #isDisconnecting()}, as Twisted's {@code abortConnection} does. */
    @Override
    public void abortConnection() {
        aborted = true;
        disconnecting = true;
    }

    /** @throws IllegalStateException once stopped, as Twisted's {@code StringTransport} does */
    @Override
    public void pauseProducing() {
        checkNotStopped();
        producerState = ProducerState.PAUSED;
    }

    /** @throws IllegalStateException once stopped */
    @Override
    public void resumeProducing() {
        checkNotStopped();
        producerState = ProducerState.PRODUCING;
    }

    @Override
    public void stopProducing() {
        producerState = ProducerState.STOPPED;
    }

    private void checkNotStopped() {
        if (producerState == ProducerState.STOPPED) {
            throw new IllegalStateException("cannot pause or resume a stopped transport");
        }
    }
}
