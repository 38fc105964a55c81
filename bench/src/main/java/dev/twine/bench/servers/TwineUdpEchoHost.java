package dev.twine.bench.servers;

import dev.twine.bench.Stack;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IAddress;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorUDP;
import dev.twine.internet.IUDPTransport;

/**
 * {@link Service#UDP_ECHO} on a Twine reactor: one {@code listenUDP} port whose protocol writes every datagram
 * back to its sender. As in {@link TwineServerHost}, the port is opened on the calling thread before the
 * reactor's own thread runs, and {@link #close()} stops the reactor through {@code callFromThread}.
 * {@link #accepted()} is always 0: UDP accepts no connections.
 */
final class TwineUdpEchoHost implements ServerHost {

    /** Sends each datagram back where it came from, as the UDP echo example does. */
    private static final class Echo extends DatagramProtocol {
        @Override
        public void datagramReceived(byte[] data, IAddress addr) {
            transport.write(data, addr);
        }
    }

    private final IReactor reactor;
    private final Thread thread;
    private final int port;

    private TwineUdpEchoHost(IReactor reactor, Thread thread, int port) {
        this.reactor = reactor;
        this.thread = thread;
        this.port = port;
    }

    static ServerHost start(Stack stack, String host, int port) {
        IReactor reactor = stack.newReactor();
        IUDPTransport listening = reactor.listenUDP(port, new Echo(), host, IReactorUDP.DEFAULT_MAX_PACKET_SIZE);
        int bound = listening.getHost().port();
        Thread thread = new Thread(reactor::run, "twine-" + stack + "-udp-echo");
        thread.setDaemon(true);
        thread.start();
        return new TwineUdpEchoHost(reactor, thread, bound);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int accepted() {
        return 0;
    }

    @Override
    public long eventLoopThreadId() {
        return thread.getId();
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            reactor.callFromThread(() -> {
                if (reactor.running()) {
                    reactor.stop();
                }
            });
        }
        try {
            thread.join(CLOSE_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
