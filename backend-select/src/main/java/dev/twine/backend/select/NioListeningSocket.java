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

    /** Refuses connections from now on: see {@link NioHandle#closeAndReleaseDescriptor()}. */
    @Override
    public void close() throws IOException {
        closeAndReleaseDescriptor();
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
