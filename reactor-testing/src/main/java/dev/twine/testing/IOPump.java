package dev.twine.testing;

import dev.twine.defer.Failure;
import dev.twine.internet.IHalfCloseableProtocol;
import dev.twine.internet.IProducer;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IPullProducer;
import dev.twine.internet.error.ConnectionAborted;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionLost;
import java.nio.ByteBuffer;

/**
 * Moves bytes and closes between the two ends of an in-memory connection (Twisted's {@code iosim.IOPump}),
 * with no sockets, no threads and no reactor: the test calls {@link #pump()} for one step or
 * {@link #flush()} until nothing is left to do.
 *
 * <p>One {@link #pump()} does the first of these that applies, server before client, as Twisted's does:
 * <ol>
 *   <li>asks a registered pull producer at either end for more ({@code resumeProducing});</li>
 *   <li>delivers each end's written bytes to the other end's protocol in one {@code dataReceived},
 *       unless the receiving end paused reading;</li>
 *   <li>carries out one pending abort (the aborting end gets {@code ConnectionAborted}, the other
 *       {@code ConnectionLost}), close (both get {@code ConnectionDone}, the other end first) or
 *       half-close (an {@link IHalfCloseableProtocol} peer gets {@code readConnectionLost}, the closing end
 *       {@code writeConnectionLost}; a peer that is not half-closeable closes both ends).</li>
 * </ol>
 * A protocol that throws is not caught: the exception leaves {@code pump()} and fails the test, which is
 * what a test wants to see (a reactor would only log it).
 *
 * <p>Not thread-safe: the test's thread only.
 *
 * @param <S> the server protocol's type
 * @param <C> the client protocol's type
 */
public final class IOPump<S extends IProtocol, C extends IProtocol> {
    /** {@link #flush()} gives up after this many steps: a protocol pair that talks forever is a bug. */
    public static final int MAX_FLUSH_STEPS = 10_000;

    private final S server;
    private final C client;
    private final FakeTransport serverTransport;
    private final FakeTransport clientTransport;

    IOPump(S server, C client, FakeTransport serverTransport, FakeTransport clientTransport) {
        this.server = server;
        this.client = client;
        this.serverTransport = serverTransport;
        this.clientTransport = clientTransport;
    }

    /** The server end's protocol. */
    public S server() {
        return server;
    }

    /** The client end's protocol. */
    public C client() {
        return client;
    }

    /** The server end's transport. */
    public FakeTransport serverTransport() {
        return serverTransport;
    }

    /** The client end's transport. */
    public FakeTransport clientTransport() {
        return clientTransport;
    }

    /**
     * One step, as described on the class. Returns whether anything happened.
     */
    public boolean pump() {
        boolean produced = askPullProducer(serverTransport) | askPullProducer(clientTransport);
        boolean moved = deliver(serverTransport, clientTransport) | deliver(clientTransport, serverTransport);
        if (moved) {
            return true;
        }
        return closeStep(serverTransport, clientTransport) || closeStep(clientTransport, serverTransport) || produced;
    }

    /**
     * Pumps until nothing happens. Returns whether anything did.
     *
     * @throws AssertionError after {@value #MAX_FLUSH_STEPS} steps that all did something
     */
    public boolean flush() {
        boolean any = false;
        for (int i = 0; i < MAX_FLUSH_STEPS; i++) {
            if (!pump()) {
                return any;
            }
            any = true;
        }
        throw new AssertionError("the connection was still busy after " + MAX_FLUSH_STEPS + " pump steps: "
                + serverTransport + ", " + clientTransport);
    }

    private static boolean askPullProducer(FakeTransport t) {
        IProducer p = t.producer();
        if (p instanceof IPullProducer pull && !t.isStreaming() && t.canWrite()) {
            pull.resumeProducing();
            return t.hasOutput();
        }
        return false;
    }

    private static boolean deliver(FakeTransport from, FakeTransport to) {
        if (!from.hasOutput() || to.state() == FakeTransport.State.CLOSED
                || to.state() == FakeTransport.State.ABORTING || to.readState() != ProducerState.PRODUCING) {
            return false;
        }
        byte[] data = from.takeOutput();
        to.protocol().dataReceived(ByteBuffer.wrap(data).asReadOnlyBuffer());
        return true;
    }

    private static boolean closeStep(FakeTransport end, FakeTransport other) {
        switch (end.state()) {
            case ABORTING -> {
                close(end, other);
                other.protocol().connectionLost(new Failure(new ConnectionLost("Connection reset by peer")));
                end.protocol().connectionLost(new Failure(new ConnectionAborted()));
                return true;
            }
            case CLOSING -> {
                if (end.hasOutput() || end.producer() != null) {
                    return false;
                }
                close(end, other);
                other.protocol().connectionLost(new Failure(new ConnectionDone("Connection was closed cleanly.")));
                end.protocol().connectionLost(new Failure(new ConnectionDone("Connection was closed cleanly.")));
                return true;
            }
            case WRITE_SHUTTING -> {
                if (end.hasOutput()) {
                    return false;
                }
                if (!(other.protocol() instanceof IHalfCloseableProtocol peerHalf)) {
                    // A peer that cannot half-close treats EOF as the end of the connection (semantics.md §1.7).
                    end.moveTo(FakeTransport.State.CLOSING);
                    other.loseConnection();
                    return true;
                }
                end.moveTo(FakeTransport.State.WRITE_SHUT);
                peerHalf.readConnectionLost();
                if (end.protocol() instanceof IHalfCloseableProtocol selfHalf) {
                    selfHalf.writeConnectionLost();
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static void close(FakeTransport end, FakeTransport other) {
        end.discardOutput();
        other.discardOutput();
        end.moveTo(FakeTransport.State.CLOSED);
        other.moveTo(FakeTransport.State.CLOSED);
    }
}
