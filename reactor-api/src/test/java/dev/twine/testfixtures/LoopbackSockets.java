package dev.twine.testfixtures;

import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketProvider;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.lang.reflect.Array;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * Real TCP sockets on the loopback interface from one backend's {@link SocketProvider}, set up without a
 * reactor or poller, and all closed by {@link #close()}: listeners on port 0, unconnected sockets,
 * connected pairs, and an address where nothing listens.
 *
 * <p>The kit is typed by the provider's handle classes so that a backend's own tests get back handles
 * its poller accepts ({@code PosixStreamSocket} for epoll and kqueue, for instance) without casts at
 * every call: {@link #over(SocketProvider, Class, Class)} checks each handle once, as it is created.
 * {@link #over(SocketProvider)} is the untyped kit, for tests that only need the SPI.
 *
 * <p>A connected pair is made by connecting a non-blocking socket to a listener and retrying
 * {@code accept} and {@code finishConnect} until both succeed, bounded by {@link Await#PATIENCE}.
 *
 * <p>Test thread only, like the provider it drives (which expects its reactor's thread).
 *
 * @param <S> the provider's stream socket class
 * @param <L> the provider's listening socket class
 */
public final class LoopbackSockets<S extends StreamSocketHandle, L extends ListeningSocketHandle>
        implements AutoCloseable {
    /** The backlog of every listener; more than any test connects at once. */
    private static final int BACKLOG = 64;

    private final SocketProvider provider;
    private final Class<S> streamType;
    private final Class<L> listenerType;
    private final List<SelectableHandle> opened = new ArrayList<>();

    private LoopbackSockets(SocketProvider provider, Class<S> streamType, Class<L> listenerType) {
        this.provider = provider;
        this.streamType = streamType;
        this.listenerType = listenerType;
    }

    /** The kit over {@code provider}, handing out the SPI's handle types. */
    public static LoopbackSockets<StreamSocketHandle, ListeningSocketHandle> over(SocketProvider provider) {
        return new LoopbackSockets<>(provider, StreamSocketHandle.class, ListeningSocketHandle.class);
    }

    /**
     * The kit over {@code provider}, whose sockets are of the given classes. Each handle is checked as it
     * is created: one of another class fails that call with a {@link ClassCastException}.
     */
    public static <S extends StreamSocketHandle, L extends ListeningSocketHandle> LoopbackSockets<S, L> over(
            SocketProvider provider, Class<S> streamType, Class<L> listenerType) {
        return new LoopbackSockets<>(provider, streamType, listenerType);
    }

    /** The provider the sockets come from. */
    public SocketProvider provider() {
        return provider;
    }

    /** Closes {@code handle} with the others at {@link #close()}; returns it. */
    public <H extends SelectableHandle> H track(H handle) {
        opened.add(handle);
        return handle;
    }

    /** A listening socket on 127.0.0.1, port 0. */
    public L listen() throws IOException {
        return listen(InetAddress.getLoopbackAddress());
    }

    /** A listening socket on {@code host} (a loopback address: 127.0.0.1 or ::1), port 0. */
    public L listen(InetAddress host) throws IOException {
        return track(listenerType.cast(provider.listen(new InetSocketAddress(host, 0), BACKLOG)));
    }

    /** An unconnected IPv4 stream socket. */
    public S open() throws IOException {
        return open(StandardProtocolFamily.INET);
    }

    /** An unconnected stream socket of {@code family}. */
    public S open(StandardProtocolFamily family) throws IOException {
        return track(streamType.cast(provider.openStream(family)));
    }

    /** A connected pair on 127.0.0.1: [0] the connecting side, [1] the accepted side. */
    public S[] pair() throws IOException {
        return pair(InetAddress.getLoopbackAddress());
    }

    /**
     * A connected pair on {@code host}: [0] the connecting side, [1] the accepted side. The listener it
     * went through is closed before this returns, so the pair is all that stays open.
     */
    public S[] pair(InetAddress host) throws IOException {
        L listener = listen(host);
        try {
            return pairVia(listener);
        } finally {
            listener.close();
        }
    }

    /** A connected pair through {@code listener}, which stays open: [0] connecting, [1] accepted. */
    public S[] pairVia(L listener) throws IOException {
        InetSocketAddress target = listener.localAddress();
        S client = open(target.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        boolean connected = client.connect(target);
        S server = accept(listener);
        if (!connected) {
            Await.until("connect to " + target, () -> client.finishConnect() ? Boolean.TRUE : null);
        }
        @SuppressWarnings("unchecked")
        S[] pair = (S[]) Array.newInstance(streamType, 2);
        pair[0] = client;
        pair[1] = server;
        return pair;
    }

    /** The next connection {@code listener} accepts, waited for (bounded) and closed with the others. */
    public S accept(L listener) throws IOException {
        return track(streamType.cast(Await.until("accept on " + listener.localAddress(), listener::accept)));
    }

    /** An address on 127.0.0.1 where nothing listens (a port just closed), for refused connects. */
    public InetSocketAddress closedPort() throws IOException {
        L listener = listen();
        InetSocketAddress address = listener.localAddress();
        listener.close();
        return address;
    }

    /**
     * Closes every socket this kit opened or was given to {@link #track}. Idempotent. A close that fails
     * does not stop the others: tests reset and abort sockets on purpose, and a handle's close is
     * idempotent by contract, so the first failure is rethrown only after all were tried.
     */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SelectableHandle handle : opened) {
            try {
                handle.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }
}
