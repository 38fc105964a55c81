package dev.twine.internet.group;

import dev.twine.defer.Failure;
import dev.twine.internet.IAddress;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.error.NotListeningError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What every port of a {@link ReactorGroup} is (semantics.md §5.2): one {@link IListeningPort} per member
 * that has a socket (every member when the kernel balances, else member 0 alone), the address member 0
 * bound, and one future for the close of all of them. {@link GroupPort} (TCP and UNIX stream sockets) and
 * {@link GroupDatagramPort} (UDP) add how the parts are made and what happens when one closes.
 *
 * <p>Threading: the public methods are thread-safe. The member ports themselves belong to their members'
 * threads; this class reaches them through {@link ReactorGroup#runOnMember} and {@code callFromThread}.
 *
 * @param <P> the member port type
 */
abstract class AbstractGroupPort<P extends IListeningPort & IFileDescriptor> {
    final ReactorGroup group;
    final boolean balanced;
    /** The members' ports, member i's at index i. Written before any reader sees the group port. */
    final List<P> ports = new ArrayList<>();
    /** Counts the parts still open; {@link #memberClosed} on each part's close. */
    final PartsClosed closed = new PartsClosed();
    private volatile IAddress host;

    AbstractGroupPort(ReactorGroup group, boolean balanced) {
        this.group = group;
        this.balanced = balanced;
    }

    /** Adds the next member's listening port; member 0's address becomes the group port's. */
    final void added(P port) {
        ports.add(port);
        if (ports.size() == 1) {
            host = port.getHost();
        }
    }

    /** Makes member {@code member}'s part, bound to {@code port}, and starts it on that member. */
    interface PartStarter<P> {
        P start(int member, int port);
    }

    /**
     * Starts every member's part (every member when kernel-balanced, else member 0 alone), member 0 first so
     * that port 0 becomes a real number the others share. {@code before} runs first; if it or any part
     * fails, the parts already listening are closed, {@code undo} runs, and a {@link CannotListenError} is
     * thrown: the one that failed, or {@code cannotListen}'s wrapping of any other failure.
     */
    final void listenParts(int requested, Runnable before, PartStarter<P> starter, Runnable undo,
            Function<Throwable, CannotListenError> cannotListen) {
        int n = balanced ? group.size() : 1;
        closed.expect(n);
        int port = requested;
        try {
            before.run();
            for (int i = 0; i < n; i++) {
                added(starter.start(i, port));
                if (i == 0) {
                    port = getHost().port();
                }
            }
        } catch (RuntimeException | Error e) {
            closeStartedParts();
            undo.run();
            if (e instanceof CannotListenError c) {
                throw c;
            }
            throw cannotListen.apply(e);
        }
    }

    /** A member could not listen: closes the parts already listening, each on its own member's thread. */
    private void closeStartedParts() {
        for (int i = 0; i < ports.size(); i++) {
            P p = ports.get(i);
            group.runOnMember(i, () -> p.connectionLost(new Failure(new IllegalStateException("group listen failed"))));
        }
        ports.clear();
    }

    /** True if every member has its own kernel-balanced socket; false if member 0's socket serves the group. */
    public boolean balancedByKernel() {
        return balanced;
    }

    /** The address the group port is bound to; the real port number when 0 was asked for. */
    public IAddress getHost() {
        IAddress h = host;
        if (h == null) {
            throw new NotListeningError("the group port has not listened");
        }
        return h;
    }

    /**
     * The members' own ports, member i's at index i (one per member when kernel-balanced, else member 0's
     * only). Each may be used only on its member's thread.
     */
    public List<P> memberPorts() {
        return Collections.unmodifiableList(ports);
    }

    /**
     * Stops every member's port, each on its own thread (the socket closes on a later iteration, as Twisted's
     * {@code stopListening} does). The returned future completes once every member's socket is closed and
     * what listened there was stopped, exceptionally with the first exception a {@code doStop} threw; it is
     * the same future on every call, and also completes when the group's shutdown closes the port.
     */
    public CompletableFuture<Void> stopListening() {
        for (int i = 0; i < ports.size(); i++) {
            P p = ports.get(i);
            group.member(i).callFromThread(p::stopListening);
        }
        return closed.future();
    }

    /** Completes when every member's part has closed; see {@link #stopListening()}. */
    public CompletableFuture<Void> whenClosed() {
        return closed.future();
    }

    /** For {@code toString}: the address, or "not listening". */
    final String describe() {
        IAddress h = host;
        return (h == null ? "not listening" : h.toString()) + " x" + ports.size();
    }
}
