package dev.twine.internet.tcp;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactor;
import dev.twine.internet.error.SocketErrors;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * What a {@link Port} does when {@code accept} fails (Twisted's {@code tcp._accept}, semantics.md §1.5), including the
 * descriptor-exhaustion recovery, so that the port itself only deals with successful accepts.
 *
 * <ul>
 *   <li>{@code EPERM} (netfilter on Linux may reject a connection yet report it readable) and
 *       {@code EINTR}: try the next one.</li>
 *   <li>{@code EMFILE} with the spare descriptor held: release it, accept every pending client into
 *       the freed slot and close it at once (they see their connection closed, not a hang), then take
 *       the spare back ({@link ReservedDescriptor}).</li>
 *   <li>{@code EMFILE} with no spare, {@code ENFILE}, {@code ENOBUFS}, {@code ENOMEM}: log "Could not
 *       accept new connection (ERRNO)". <b>Twine's addition:</b> Twisted simply returns, and the
 *       still-readable listening socket wakes the loop again at once, a busy loop until something frees
 *       a descriptor; Twine stops accepting for {@value #BACKOFF_SECONDS} s instead.</li>
 *   <li>{@code ECONNABORTED}: the client left before it was accepted; end this round.</li>
 *   <li>Anything else: logged; the port keeps listening, as Twisted's {@code doRead} does.</li>
 * </ul>
 *
 * <p>Threading: reactor thread only.
 */
final class AcceptFailures {
    /** The pause after running out of resources with no spare descriptor to shed clients with. */
    static final double BACKOFF_SECONDS = 0.1;

    private static final System.Logger LOG = System.getLogger(AcceptFailures.class.getName());

    private final IReactor reactor;
    private final Port port;
    private final ReservedDescriptor reserved = new ReservedDescriptor();
    private IDelayedCall pendingResume;

    AcceptFailures(IReactor reactor, Port port) {
        this.reactor = reactor;
        this.port = port;
    }

    /** Takes the spare descriptor; the port calls it before binding, as Twisted's startListening does. */
    void reserve() {
        reserved.reserve();
    }

    /** The port closed: gives the spare back and forgets any pending resume. */
    void portClosed() {
        cancelBackoff();
        reserved.release();
    }

    /** Forgets a pending resume (the port is stopping). */
    void cancelBackoff() {
        IDelayedCall call = pendingResume;
        pendingResume = null;
        if (call != null && call.active()) {
            call.cancel();
        }
    }

    /**
     * Handles one failed {@code accept}.
     *
     * @param remaining accepts left in this batch (Twisted's recovery spends them too)
     * @return true to go on with the batch, false to end it
     */
    boolean handle(IOException e, ListeningSocketHandle socket, int remaining) {
        switch (SocketErrors.acceptAction(e)) {
            case RETRY:
                return true;
            case OUT_OF_DESCRIPTORS:
                if (reserved.available()) {
                    shedPendingClients(socket, remaining);
                } else {
                    LOG.log(Level.WARNING, port.logPrefix() + ": Could not accept new connection (EMFILE)");
                    backOff();
                }
                return false;
            case STOP_ROUND:
                LOG.log(Level.WARNING, port.logPrefix() + ": Could not accept new connection ("
                        + SocketErrors.errorOf(e) + ")");
                backOff();
                return false;
            case CLIENT_GONE:
                LOG.log(Level.WARNING, port.logPrefix() + ": Could not accept new connection (ECONNABORTED)");
                return false;
            default:
                LOG.log(Level.ERROR, port.logPrefix() + ": unexpected accept error", e);
                return false;
        }
    }

    /**
     * EMFILE recovery. Nothing in here may open another descriptor; logging goes through the JDK's
     * logger, which writes to streams that are already open.
     */
    private void shedPendingClients(ListeningSocketHandle socket, int remaining) {
        LOG.log(Level.INFO, port.logPrefix() + ": EMFILE encountered; releasing reserved file descriptor.");
        reserved.release();
        int shed = 0;
        try {
            // Twisted spends the rest of the batch; Twine sheds at least a full initial batch, so that a
            // shrunken numberAccepts does not leave clients waiting one readiness event at a time.
            int limit = Math.max(remaining, Port.INITIAL_ACCEPTS);
            for (int i = 0; i < limit; i++) {
                StreamSocketHandle doomed;
                try {
                    doomed = socket.accept();
                } catch (IOException again) {
                    if (SocketErrors.acceptAction(again) == SocketErrors.AcceptAction.RETRY) {
                        continue;
                    }
                    break;
                }
                if (doomed == null) {
                    break;
                }
                try {
                    doomed.close();
                } catch (IOException ignored) {
                    // It is closed as far as this process is concerned; the slot is free again.
                }
                shed++;
            }
        } finally {
            boolean ok = reserved.reserve();
            LOG.log(Level.INFO, port.logPrefix() + ": EMFILE recovery: closed " + shed + " pending connection(s); "
                    + (ok ? "re-reserved" : "could not re-reserve") + " the recovery file descriptor.");
        }
    }

    /** Stops accepting for {@link #BACKOFF_SECONDS}; see the class comment. */
    private void backOff() {
        if (pendingResume != null) {
            return;
        }
        reactor.removeReader(port);
        pendingResume = reactor.callLater(BACKOFF_SECONDS, () -> {
            pendingResume = null;
            reserved.reserve();
            reactor.addReader(port);
        });
    }
}
