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
}
