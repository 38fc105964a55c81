package dev.twine.backend.select;

import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A non-blocking {@link ServerSocketChannel} as a {@link ListeningSocketHandle}. Reactor thread only. */
final class NioListeningSocket extends NioHandle implements ListeningSocketHandle {
    private final ServerSocketChannel ch;

    NioListeningSocket(ServerSocketChannel ch) throws IOException {
        this.ch = ch;
        ch.configureBlocking(false);
    }

    @Override
    SelectableChannel channel() {
        return ch;
    }

    /** A listening channel is only ever "readable" (OP_ACCEPT); write interest has no meaning for it. */
    @Override
    int nioInterest(int ops) {
        return (ops & dev.twine.spi.Poller.READ) != 0 ? SelectionKey.OP_ACCEPT : 0;
    }

    /**
     * Closes the channel and releases its descriptor now. NIO defers closing a channel that is still
     * registered with a selector until that selector's next selection operation deregisters its key
     * ({@code SelectableChannel} "Deregistration"), and until then the kernel keeps listening and
     * completes handshakes no one will accept. Twisted's port refuses connections once its
     * {@code stopListening} Deferred has fired (semantics.md §1.5), so the key is flushed here with an
     * immediate selection whose action ignores every key: the poller selects with an action too
     * ({@link SelectorPoller}), so nothing is lost, and level-triggered readiness is reported again on
     * its next poll. Called on the reactor thread, the selector's only user.
     */
    @Override
    public void close() throws IOException {
        SelectionKey registered = key;
        ch.close();
        if (registered != null && registered.selector().isOpen()) {
            registered.selector().selectNow(ignored -> { });
        }
    }

    @Override
    public StreamSocketHandle accept() throws IOException {
        SocketChannel c;
        try {
            c = ch.accept();
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
        if (c == null) {
            return null;
        }
        try {
            return new NioStreamSocket(c);
        } catch (IOException e) {
            c.close();
            throw NioErrors.translate(e);
        }
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        try {
            return (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public String toString() {
        return "NioListeningSocket[" + ch + "]";
    }
}
