package dev.twine.backend.select;

import dev.twine.spi.SelectableHandle;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * What NIO handles share: the channel, its selection key once registered, the interest the reactor asked
 * for (in {@link dev.twine.spi.Poller} bits) and the reactor's slot. Reactor thread only.
 */
abstract class NioHandle implements SelectableHandle {
    /** The key with the poller's selector, or null before the first non-zero interest. */
    SelectionKey key;
    /** The interest last set, in Poller bits. */
    int interest;
    private Object slot;

    /** The channel this handle wraps. */
    abstract SelectableChannel channel();

    /** Translates Poller interest bits to NIO interest ops for this channel's current state. */
    abstract int nioInterest(int pollerOps);

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

    @Override
    public final Object reactorSlot() {
        return slot;
    }

    @Override
    public final void reactorSlot(Object slot) {
        this.slot = slot;
    }
}
