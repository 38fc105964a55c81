package dev.twine.backend.select;

import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A non-blocking {@link DatagramChannel} as a {@link DatagramSocketHandle}. Reactor thread only.
 *
 * <p>{@code receive} serves connected and unconnected channels alike: it tells an empty datagram (a sender)
 * from nothing queued ({@code null}), which {@code read} cannot, and on a connected channel the JDK reports
 * an ICMP refusal from it as {@code PortUnreachableException}, which {@link NioErrors} maps to
 * {@code ECONNREFUSED}. A connected channel sends with {@code write}, which {@code send} would refuse for a
 * {@code null} target.
 */
final class NioDatagramSocket extends NioHandle implements DatagramSocketHandle {
    private final DatagramChannel ch;

    NioDatagramSocket(DatagramChannel ch) throws IOException {
        this.ch = ch;
        ch.configureBlocking(false);
    }

    @Override
    SelectableChannel channel() {
        return ch;
    }

    @Override
    int nioInterest(int ops) {
        int nio = 0;
        if ((ops & Poller.READ) != 0) {
            nio |= SelectionKey.OP_READ;
        }
        if ((ops & Poller.WRITE) != 0) {
            nio |= SelectionKey.OP_WRITE;
        }
        return nio;
    }

    @Override
    public void bind(InetSocketAddress local) throws IOException {
        try {
            ch.bind(local);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public void connect(InetSocketAddress remote) throws IOException {
        try {
            ch.connect(remote);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        try {
            return (InetSocketAddress) ch.receive(dst);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public boolean send(ByteBuffer src, InetSocketAddress target) throws IOException {
        try {
            int n = target == null ? ch.write(src) : ch.send(src, target);
            // DatagramChannel.send returns 0 when the send buffer has no room (the JDK maps EAGAIN and
            // ENOBUFS to that), and sends nothing, so the datagram is dropped.
            return n > 0 || !src.hasRemaining();
        } catch (IOException e) {
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
        return "NioDatagramSocket[" + ch + "]";
    }
}
