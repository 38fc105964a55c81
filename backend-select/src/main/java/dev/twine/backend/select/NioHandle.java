package dev.twine.backend.select;

import dev.twine.spi.SelectableHandle;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * The select backend's handle type: a channel, plus the state its {@link SelectorPoller} keeps for it
 * (the selection key once registered, and the interest last set, in {@link dev.twine.spi.Poller} bits,
 * which the poller needs to re-map a finished connect from {@code OP_CONNECT} to {@code OP_WRITE}).
 * Only that poller writes those two fields. Reactor thread only.
 */
abstract class NioHandle implements SelectableHandle {
    /** The key with the poller's selector, or null before the first registration. */
    SelectionKey key;
    /** The interest last set, in Poller bits; 0 while deregistered. */
    int interest;

    /** The channel this handle wraps. */
    abstract SelectableChannel channel();

    /** Translates Poller interest bits to NIO interest ops for this channel's current state. */
    abstract int nioInterest(int pollerOps);

    /** True while a connect is under way (only a stream socket ever has one). */
    boolean connectionPending() {
        return false;
    }

    @Override
    public final int fileno() {
        return -1;
    }

    @Override
    public final boolean isOpen() {
        return channel().isOpen();
    }

    @Override
    public void close() throws IOException {
        channel().close();
    }

    /**
     * Closes the channel and releases its descriptor now. NIO defers closing a channel that is still
     * registered with a selector until that selector's next selection operation deregisters its key
     * ({@code SelectableChannel} "Deregistration"); until then the kernel keeps the socket: a listening one
     * completes handshakes no one will accept, a datagram one keeps its address, so a port bound again
     * right after its {@code stopListening} Deferred fired would get {@code EADDRINUSE}. Twisted's ports
     * are closed once that Deferred fires (semantics.md §1.5), so the key is flushed here with an immediate
     * selection whose action ignores every key: the poller selects with an action too ({@link SelectorPoller}),
     * so nothing is lost, and level-triggered readiness is reported again on its next poll. Called on the
     * reactor thread, the selector's only user.
     */
    final void closeAndReleaseDescriptor() throws IOException {
        SelectionKey registered = key;
        channel().close();
        if (registered != null && registered.selector().isOpen()) {
            registered.selector().selectNow(ignored -> { });
        }
    }
}
