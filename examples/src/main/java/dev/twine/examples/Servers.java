package dev.twine.examples;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.IStreamServerEndpoint;
import dev.twine.internet.endpoints.TCP4ServerEndpoint;

/** What the example servers share: the listen backlog and where to listen. */
public final class Servers {
    /**
     * The listen backlog of every example server.
     *
     * <p>Twisted's default is 50. That is too small for the tutorial's "1,000 clients at once": when the
     * accept queue is full, Linux drops the last ACK of a client's handshake (with
     * {@code tcp_abort_on_overflow=0}) and later its SYNs, so a client can believe it is connected while
     * the server never accepts it, and once the server's SYN-ACK retries run out that client waits
     * forever. With 1,000 simultaneous connects to a backlog of 50 we saw hundreds of clients hang, with
     * Twine and with Twisted alike. 1024 stays under Linux's default {@code somaxconn} (4096) and is
     * clamped to it where that is lower.
     */
    public static final int BACKLOG = 1024;

    /** The option every server takes, as {@code twistd --listen} does. */
    public static final String LISTEN = "--listen";

    private Servers() {
    }

    /**
     * Where a server listens: the endpoint {@code --listen DESCRIPTION} describes (for example
     * {@code tcp:10000:interface=127.0.0.1}), or else {@code --port} and {@code --iface} as before, with
     * {@link #BACKLOG}. A description's backlog is its own ({@code backlog=N}, 50 by default).
     *
     * @throws UsageException for a bad description, or {@code --listen} together with {@code --port} or
     *                        {@code --iface}
     */
    public static IStreamServerEndpoint endpoint(IReactor reactor, Args args, String defaultIface, int defaultPort)
            throws UsageException {
        if (!args.has(LISTEN)) {
            return new TCP4ServerEndpoint(reactor, args.port("--port", defaultPort), BACKLOG,
                    args.string("--iface", defaultIface));
        }
        if (args.has("--port") || args.has("--iface")) {
            throw new UsageException("--listen replaces --port and --iface; give one or the other");
        }
        try {
            return Endpoints.serverFromString(reactor, args.string(LISTEN, null));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Listens on {@link #endpoint} before the reactor runs. The endpoints this program knows listen at once;
     * a failure to listen is thrown here (for TCP, {@code CannotListenError}), so the program exits with
     * status 1 as before.
     */
    public static IListeningPort listen(IReactor reactor, Args args, IProtocolFactory factory, String defaultIface,
            int defaultPort) throws UsageException {
        IStreamServerEndpoint endpoint = endpoint(reactor, args, defaultIface, defaultPort);
        Deferred<IListeningPort> listening = endpoint.listen(factory);
        Object[] outcome = new Object[1];
        listening.addBoth(r -> {
            outcome[0] = r;
            return null;
        });
        if (outcome[0] instanceof IListeningPort port) {
            return port;
        }
        if (outcome[0] instanceof Failure f) {
            if (f.value() instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException("cannot listen on " + endpoint + ": " + f.getErrorMessage(), f.value());
        }
        listening.cancel();
        throw new IllegalStateException(endpoint + " did not start listening at once; this program needs one that does");
    }
}
