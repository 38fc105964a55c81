package dev.twine.protocols.basic;

import dev.twine.internet.ITransport;
import dev.twine.internet.Protocol;
import java.util.Objects;

/**
 * A protocol that reads fixed-size pieces, each handed to the handler of the current state (Twisted's
 * {@code twisted.protocols.stateful.StatefulProtocol}, semantics.md §3.3).
 *
 * <p>{@link #getInitialState()} gives the first {@link State}: a handler and how many bytes it wants.
 * Whenever that many bytes are buffered they are taken off and given to the handler, whose return value
 * is the next state; {@code null} keeps the current one. Input may be split at any byte. Processing
 * stops once the transport is disconnecting (as Twisted's does), so a handler that closes the
 * connection sees no more data.
 *
 * <p>Threading: reactor thread only.
 */
public abstract class StatefulProtocol extends Protocol {

    /** What to do with the next piece of input. */
    @FunctionalInterface
    public interface Handler {
        /** Handles exactly the requested number of bytes; returns the next state, or null to keep this one. */
        State receive(byte[] data);
    }

    /**
     * A handler and the number of bytes it is given at a time.
     *
     * @param handler what receives the bytes
     * @param size    how many bytes, at least 1 (Twisted would loop for ever on 0)
     */
    public record State(Handler handler, int size) {
        public State {
            Objects.requireNonNull(handler, "handler");
            if (size < 1) {
                throw new IllegalArgumentException("a state must read at least 1 byte, got " + size);
            }
        }
    }

    private final LineBuffer buffer = new LineBuffer();
    private State state;
    private boolean busyReceiving;

    /** The state the connection starts in; called once, from {@link #makeConnection}. */
    protected abstract State getInitialState();

    @Override
    public void makeConnection(ITransport transport) {
        state = Objects.requireNonNull(getInitialState(), "getInitialState() returned null");
        super.makeConnection(transport);
    }

    @Override
    public void dataReceived(byte[] data) {
        buffer.append(data, 0, data.length);
        if (busyReceiving) {
            return;
        }
        busyReceiving = true;
        try {
            while (buffer.size() >= state.size()) {
                State next = state.handler().receive(buffer.take(state.size(), 0));
                if (transport != null && transport.isDisconnecting()) {
                    return;
                }
                if (next != null) {
                    state = next;
                }
            }
        } finally {
            busyReceiving = false;
        }
    }
}
