package dev.twine.testing;

import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import java.util.Objects;

/**
 * One end of an in-memory connection made by {@link IOSim} (Twisted's {@code iosim.FakeTransport}). Writes
 * are kept until the {@link IOPump} hands them to the peer's protocol; closing, half-closing and aborting are
 * requests that the pump carries out, in the order a TCP connection would: buffered data first, then the
 * close. Reactor-free and single-threaded: the test's thread drives everything through the pump.
 *
 * <p>Twine's TCP rules that the pump keeps: writes after {@code loseConnection} are still delivered before
 * the close; a close waits until a registered producer is unregistered; {@code abortConnection} discards
 * what is buffered; writes after the connection is gone are dropped silently; {@code pauseProducing} stops
 * delivery <em>to</em> this end (its protocol reads nothing until {@code resumeProducing}), and
 * {@code stopProducing} closes, as a TCP transport's does.
 */
public final class FakeTransport extends MemoryTransport {

    /** Where this end is in its life; only the pump moves it past a request. */
    public enum State {
        /** Connected both ways. */
        OPEN,
        /** {@code loseWriteConnection} asked; the peer is told once this end's data is delivered. */
        WRITE_SHUTTING,
        /** This end's write side is shut; it can still read. */
        WRITE_SHUT,
        /** {@code loseConnection} asked; closes once the data is delivered and no producer is registered. */
        CLOSING,
        /** {@code abortConnection} asked; closes at the next pump, discarding buffered data. */
        ABORTING,
        /** Gone; {@code connectionLost} was called. */
        CLOSED
    }

    private final IProtocol protocol;
    private State state = State.OPEN;
    private ProducerState readState = ProducerState.PRODUCING;

    FakeTransport(IProtocol protocol, IAddress host, IAddress peer) {
        super(host, peer);
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** The protocol at this end. */
    public IProtocol protocol() {
        return protocol;
    }

    /** Where this end is in its life. */
    public State state() {
        return state;
    }

    /** Whether this end's protocol asked it to pause (or stop) reading. */
    public ProducerState readState() {
        return readState;
    }

    /** Takes the bytes written and not yet delivered (Twisted's {@code getOutBuffer}). */
    byte[] takeOutput() {
        byte[] b = writtenBytes();
        discardWritten();
        return b;
    }

    boolean hasOutput() {
        return hasWritten();
    }

    void discardOutput() {
        discardWritten();
    }

    void moveTo(State next) {
        state = next;
    }

    boolean canWrite() {
        return state == State.OPEN || state == State.CLOSING;
    }

    /** Writes after the connection is gone (or half-closed, or aborting) are dropped, as TCP's are. */
    @Override
    boolean acceptsWrites() {
        return canWrite();
    }

    @Override
    public void loseConnection() {
        if (state == State.OPEN || state == State.WRITE_SHUTTING || state == State.WRITE_SHUT) {
            state = State.CLOSING;
        }
    }

    /** True from {@code loseConnection} or {@code abortConnection} until the connection is gone. */
    @Override
    public boolean isDisconnecting() {
        return state == State.CLOSING || state == State.ABORTING;
    }

    @Override
    public void loseWriteConnection() {
        if (state == State.OPEN) {
            state = State.WRITE_SHUTTING;
        }
    }

    @Override
    public void abortConnection() {
        if (state != State.CLOSED) {
            state = State.ABORTING;
            discardWritten();
        }
    }

    @Override
    public void pauseProducing() {
        if (readState != ProducerState.STOPPED) {
            readState = ProducerState.PAUSED;
        }
    }

    @Override
    public void resumeProducing() {
        if (readState != ProducerState.STOPPED) {
            readState = ProducerState.PRODUCING;
        }
    }

    /** Stops reading for good and closes, as a TCP transport's {@code stopProducing} does. */
    @Override
    public void stopProducing() {
        readState = ProducerState.STOPPED;
        loseConnection();
    }

    @Override
    public String toString() {
        return "<FakeTransport " + getHost() + " -> " + getPeer() + " " + state + ">";
    }
}
