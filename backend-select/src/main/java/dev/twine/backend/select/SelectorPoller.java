package dev.twine.backend.select;

import dev.twine.spi.Poller;
import dev.twine.spi.ReadyBatch;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A level-triggered {@link Poller} over {@link Selector}, for {@link NioHandle}s.
 *
 * <p>Design notes:
 * <ul>
 *   <li>The reactor's token is the key's attachment, boxed once per registration (not per event).</li>
 *   <li>A channel is registered with the selector the first time it is registered here, and then keeps
 *       its key: deregistration sets the key's interest to 0 rather than cancelling it, because a
 *       cancelled key lingers until the next select and re-registering the channel before then throws.
 *       Closing the channel cancels the key; the next select releases the descriptor.</li>
 *   <li>NIO reports connect completion only as {@code OP_CONNECT}, and never again once connected, so
 *       write interest on a connecting socket maps to {@code OP_CONNECT} and is re-mapped to
 *       {@code OP_WRITE} once the connect has been finished.</li>
 *   <li>NIO says nothing of hang-ups or errors: a reset or a half-close shows as {@link #READ}, a refused
 *       connect as {@link #WRITE}, and the read or {@code finishConnect} that follows reports it.</li>
 *   <li>Ready keys are copied into reusable arrays by a long-lived selection action and reported after
 *       {@code select} returns, so user code never runs inside the selector and nothing is allocated per
 *       event.</li>
 * </ul>
 * Reactor thread only, except {@link #wakeup()}.
 */
final class SelectorPoller implements Poller<NioHandle> {
    private final Selector selector;
    private final ReadyBatch ready = new ReadyBatch(64);
    /** Handles whose interest was mapped while a connect was pending; re-mapped once connected. */
    private NioStreamSocket[] connecting = new NioStreamSocket[8];
    private int connectingCount;
    private final Consumer<SelectionKey> collector = this::collect;

    SelectorPoller() throws IOException {
        this.selector = Selector.open();
    }

    @Override
    public void register(NioHandle h, long token, int ops) throws IOException {
        if (h.key == null) {
            try {
                h.key = h.channel().register(selector, 0, token);
            } catch (IOException e) {
                throw NioErrors.translate(e);
            }
        } else {
            h.key.attach(token);
        }
        setInterest(h, ops);
    }

    @Override
    public void reregister(NioHandle h, long token, int previousOps, int ops) throws IOException {
        if (!(h.key.attachment() instanceof Long current) || current != token) {
            h.key.attach(token);
        }
        setInterest(h, ops);
    }

    @Override
    public void deregister(NioHandle h, int previousOps) {
        h.interest = 0;
        if (h.key != null && h.key.isValid()) {
            h.key.interestOps(0);
        }
    }

    private void setInterest(NioHandle h, int ops) throws IOException {
        if (!h.key.isValid()) {
            throw NioErrors.translate(new java.nio.channels.ClosedChannelException());
        }
        h.interest = ops;
        int nio = h.nioInterest(ops);
        h.key.interestOps(nio);
        if ((nio & SelectionKey.OP_CONNECT) != 0) {
            rememberConnecting((NioStreamSocket) h);
        }
    }

    private void rememberConnecting(NioStreamSocket s) {
        for (int i = 0; i < connectingCount; i++) {
            if (connecting[i] == s) {
                return;
            }
        }
        if (connectingCount == connecting.length) {
            connecting = Arrays.copyOf(connecting, connectingCount * 2);
        }
        connecting[connectingCount++] = s;
    }

    /** Re-maps write interest from OP_CONNECT to OP_WRITE for sockets whose connect has finished. */
    private void remapFinishedConnects() {
        int kept = 0;
        for (int i = 0; i < connectingCount; i++) {
            NioStreamSocket s = connecting[i];
            if (s.connectionPending() && s.isOpen()) {
                connecting[kept++] = s;
            } else if (s.key != null && s.key.isValid()) {
                s.key.interestOps(s.nioInterest(s.interest));
            }
        }
        Arrays.fill(connecting, kept, connectingCount, null);
        connectingCount = kept;
    }

    @Override
    public int poll(long timeoutNanos, ReadySink sink) throws IOException {
        if (connectingCount > 0) {
            remapFinishedConnects();
        }
        ready.clear();
        if (timeoutNanos == 0) {
            selector.selectNow(collector);
        } else if (timeoutNanos < 0) {
            selector.select(collector, 0);
        } else {
            // Round up: Selector.select takes milliseconds, and 0 would mean "forever".
            long ms = Math.max(1, (timeoutNanos + 999_999) / 1_000_000);
            selector.select(collector, ms);
        }
        return ready.drainTo(sink);
    }

    private void collect(SelectionKey key) {
        int nio;
        try {
            nio = key.readyOps();
        } catch (CancelledKeyException e) {
            return;
        }
        int ops = 0;
        if ((nio & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            ops |= READ;
        }
        if ((nio & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            ops |= WRITE;
        }
        if (ops == 0 || !(key.attachment() instanceof Long token)) {
            return;
        }
        ready.add(token, ops, null);
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }
}
