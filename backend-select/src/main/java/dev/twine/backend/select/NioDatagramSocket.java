package dev.twine.backend.select;

import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.Poller;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
    /** Memberships joined, to drop on {@link #leaveGroup}: NIO leaves a group through its key. */
    private final List<MembershipKey> memberships = new ArrayList<>();

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

    // -- IPv4 multicast: the JDK's MulticastChannel and StandardSocketOptions --

    @Override
    public void setReuseAddress(boolean on) throws IOException {
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, on);
            if (ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, on);
            }
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public void joinGroup(InetAddress group, InetAddress iface) throws IOException {
        try {
            memberships.add(ch.join(group, networkInterface(iface)));
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
    }

    @Override
    public void leaveGroup(InetAddress group, InetAddress iface) throws IOException {
        NetworkInterface ni = networkInterface(iface);
        for (MembershipKey key : List.copyOf(memberships)) {
            if (key.group().equals(group) && key.networkInterface().equals(ni)) {
                key.drop();
                memberships.remove(key);
                return;
            }
        }
        throw new dev.twine.spi.SocketErrorException(dev.twine.spi.SocketError.EINVAL,
                "not a member of " + group + " on " + ni);
    }

    /**
     * NIO joins on a {@link NetworkInterface}, never "any": for {@code null} this takes the outgoing multicast
     * interface if one was set, else the first interface that is up and multicast-capable, preferring one
     * that is not loopback (the route the kernel would most likely pick).
     */
    private NetworkInterface networkInterface(InetAddress iface) throws IOException {
        if (iface != null && !iface.isAnyLocalAddress()) {
            NetworkInterface ni = NetworkInterface.getByInetAddress(iface);
            if (ni == null) {
                throw new dev.twine.spi.SocketErrorException(dev.twine.spi.SocketError.EADDRNOTAVAIL,
                        "no interface has the address " + iface.getHostAddress());
            }
            return ni;
        }
        NetworkInterface set = ch.getOption(StandardSocketOptions.IP_MULTICAST_IF);
        if (set != null) {
            return set;
        }
        NetworkInterface loopback = null;
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && ni.supportsMulticast()) {
                if (!ni.isLoopback()) {
                    return ni;
                }
                loopback = ni;
            }
        }
        if (loopback == null) {
            throw new dev.twine.spi.SocketErrorException(dev.twine.spi.SocketError.EADDRNOTAVAIL,
                    "no interface is up and multicast-capable");
        }
        return loopback;
    }

    @Override
    public void setMulticastTtl(int ttl) throws IOException {
        try {
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
        } catch (IOException | IllegalArgumentException e) {
            throw e instanceof IOException io ? NioErrors.translate(io)
                    : new dev.twine.spi.SocketErrorException(dev.twine.spi.SocketError.EINVAL, e.getMessage());
        }
    }

    @Override
    public int getMulticastTtl() throws IOException {
        return ch.getOption(StandardSocketOptions.IP_MULTICAST_TTL);
    }

    @Override
    public void setMulticastLoopback(boolean on) throws IOException {
        ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, on);
    }

    @Override
    public boolean getMulticastLoopback() throws IOException {
        return ch.getOption(StandardSocketOptions.IP_MULTICAST_LOOP);
    }

    @Override
    public void setMulticastInterface(InetAddress iface) throws IOException {
        ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface(iface));
    }

    /** The first IPv4 address of the interface set, or {@code 0.0.0.0} while none is. */
    @Override
    public InetAddress getMulticastInterface() throws IOException {
        NetworkInterface ni = ch.getOption(StandardSocketOptions.IP_MULTICAST_IF);
        if (ni != null) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return a;
                }
            }
        }
        return InetAddress.getByAddress(new byte[4]);
    }

    @Override
    public String toString() {
        return "NioDatagramSocket[" + ch + "]";
    }

    /** Frees the address from now on: see {@link NioHandle#closeAndReleaseDescriptor()}. */
    @Override
    public void close() throws IOException {
        closeAndReleaseDescriptor();
    }
}
