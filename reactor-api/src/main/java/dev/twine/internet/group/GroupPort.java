package dev.twine.internet.group;

import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.base.Handles;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.CannotListenError;
import dev.twine.internet.tcp.AcceptedConnection;
import dev.twine.internet.tcp.Port;
import dev.twine.internet.unix.UnixListenTarget;
import dev.twine.spi.StreamSocketHandle;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One listening TCP or UNIX stream port for a whole {@link ReactorGroup} (semantics.md §5.2): what the group's
 * {@code listenTCP} and {@code listenUNIX} return.
 *
 * <h2>How the members share it</h2>
 * <ul>
 *   <li><b>Kernel-balanced</b> ({@link #balancedByKernel()} true: epoll on Linux, kqueue on FreeBSD): every
 *       member has its own {@link Port} on the same address, opened with {@code SO_REUSEPORT} (Linux) or
 *       {@code SO_REUSEPORT_LB} (FreeBSD), and accepts its own connections. The kernel spreads new
 *       connections over the sockets by a hash of the connection's addresses; nothing crosses threads.</li>
 *   <li><b>Hand-off</b> (select anywhere, kqueue on macOS, IOCP on Windows, a group of one, and every UNIX
 *       socket, whose path only one socket can be bound to): member 0
 *       alone listens and accepts; each accepted socket goes to the member chosen round robin
 *       ({@code MemberChooser} explains why not least-loaded), which builds the protocol and transport on
 *       its own thread through its {@code callFromThread}. The socket is registered with no poller until
 *       then, so it can change threads safely.</li>
 * </ul>
 *
 * <h2>Factories</h2>
 * With a factory per member, member {@code i}'s factory builds every protocol of member {@code i} and gets
 * {@code doStart} when the port starts and {@code doStop} when its member's part has closed, both on member
 * {@code i}'s thread. A shared {@link ThreadSafeFactory} gets one {@code doStart} and one {@code doStop}
 * for the whole group port, as Twisted counts a factory's ports ({@code Factory.numPorts}).
 *
 * <h2>Threading</h2>
 * As every group port's ({@link AbstractGroupPort}): the public methods are thread-safe; the member ports
 * belong to their members' threads.
 */
public final class GroupPort extends AbstractGroupPort<Port> {
    private static final System.Logger LOG = System.getLogger(GroupPort.class.getName());

    private final List<IProtocolFactory> factories;
    private final boolean shared;
    private final MemberPortMaker portMaker;
    /** Sockets accepted and handed off, not yet taken up by their member: closed if it never does. */
    private final Set<StreamSocketHandle> inFlight = ConcurrentHashMap.newKeySet();
    /** 1 while factory i has had doStart and not yet doStop. */
    private final AtomicIntegerArray factoryRunning;
    /**
     * This port's own round robin for hand-offs. It is not shared with the group's client connections or
     * other ports: a shared counter would let one stream of choices skew the other's spread.
     */
    private final MemberChooser handOffs;

    /**
     * How each member's {@link Port} is made and how a failure to listen is reported: a TCP address or a UNIX
     * socket's name.
     */
    interface MemberPortMaker {
        /**
         * Member {@code member}'s port on {@code port} (the number member 0 got, for TCP), kernel-balanced
         * when {@code handOff} is null, else accepting for the group.
         */
        Port make(ReactorBase member, int port, IProtocolFactory factory, Port.HandOff handOff);

        /** The error for a listen that failed with {@code cause}, naming the address asked for. */
        CannotListenError cannotListen(int requestedPort, Throwable cause);

        /** TCP on {@code iface}, with {@code backlog}. */
        static MemberPortMaker tcp(String iface, int backlog) {
            return new MemberPortMaker() {
                @Override
                public Port make(ReactorBase member, int port, IProtocolFactory factory, Port.HandOff handOff) {
                    return new Port(member, port, factory, backlog, iface, handOff == null, handOff);
                }

                @Override
                public CannotListenError cannotListen(int requestedPort, Throwable cause) {
                    return new CannotListenError(iface, requestedPort, cause);
                }
            };
        }

        /** The UNIX stream socket {@code address}, as {@code listenUNIX} takes it. */
        static MemberPortMaker unix(String address, int backlog, int mode, boolean wantPID) {
            return new MemberPortMaker() {
                @Override
                public Port make(ReactorBase member, int port, IProtocolFactory factory, Port.HandOff handOff) {
                    return new Port(member, new UnixListenTarget(address, mode, wantPID), factory, backlog, handOff);
                }

                @Override
                public CannotListenError cannotListen(int requestedPort, Throwable cause) {
                    return new CannotListenError(address, cause);
                }
            };
        }
    }

    GroupPort(ReactorGroup group, List<IProtocolFactory> factories, boolean shared, boolean balanced,
            MemberPortMaker portMaker) {
        super(group, balanced);
        this.handOffs = new MemberChooser(group.size());
        this.factories = List.copyOf(factories);
        this.shared = shared;
        this.portMaker = portMaker;
        this.factoryRunning = new AtomicIntegerArray(factories.size());
    }

    /** Starts the factories, then every member's part; see {@link #listenParts}. */
    void listen(int requested) {
        listenParts(requested, this::startFactories, (i, port) -> {
            IProtocolFactory f = new MemberFactory(factories.get(i), () -> partClosed(i));
            Port p = portMaker.make(group.member(i), port, f, balanced ? null : this::handOff);
            group.runOnMember(i, p::startListening);
            return p;
        }, this::stopStartedFactories, e -> portMaker.cannotListen(requested, e));
    }

    /**
     * Runs {@code doStart}: once for a shared factory, else member i's factory on member i. In hand-off mode
     * members other than 0 have no port to close at shutdown, so each gets a shutdown trigger that stops
     * its factory if the port has not.
     */
    private void startFactories() {
        if (shared) {
            factories.get(0).doStart();
            factoryRunning.set(0, 1);
            return;
        }
        for (int i = 0; i < factories.size(); i++) {
            int index = i;
            ReactorBase m = group.member(i);
            group.runOnMember(i, () -> {
                factories.get(index).doStart();
                factoryRunning.set(index, 1);
                if (!balanced && index > 0) {
                    m.addSystemEventTrigger(Phase.DURING, "shutdown", () -> stopFactory(index));
                }
            });
        }
    }

    /** A member could not listen: stops the factories again (the parts were closed by {@link #listenParts}). */
    private void stopStartedFactories() {
        for (int i = 0; i < factories.size(); i++) {
            int index = i;
            group.runOnMember(shared ? 0 : i, () -> stopFactory(index));
        }
    }

    /**
     * Member {@code index}'s port closed (stopListening or its reactor's shutdown), on that member's thread:
     * stops its factory (per-member factories), and when it was the last part, a shared factory.
     */
    private void partClosed(int index) {
        if (!shared) {
            stopFactory(index);
            if (!balanced) {
                // Hand-off: the other members' factories never had a port of their own.
                for (int j = 1; j < factories.size(); j++) {
                    int other = j;
                    group.member(j).callFromThread(() -> stopFactory(other));
                }
            }
        }
        // In hand-off mode the other members stop their factories on their own threads, and the future does
        // not wait for them: a member already shutting down may never run the call (its shutdown trigger
        // stops the factory instead). A shared factory stops with the last part, before the future completes.
        closed.partClosed(shared ? () -> stopFactory(0) : null);
    }

    /** {@code doStop} for factory {@code index}, once; an exception is kept for the future and logged. */
    private void stopFactory(int index) {
        if (!factoryRunning.compareAndSet(index, 1, 0)) {
            return;
        }
        IProtocolFactory f = factories.get(index);
        try {
            f.doStop();
        } catch (RuntimeException e) {
            if (!closed.recordError(e)) {
                LOG.log(Level.ERROR, f + ": exception in stopFactory", e);
            }
        }
    }

    /**
     * Member 0 accepted {@code client}: serve it there or give it to the next member (round robin). Runs on
     * member 0's thread.
     */
    private void handOff(StreamSocketHandle client, int session, IAddress listening) {
        int target = handOffs.next();
        ReactorBase m = group.member(target);
        IProtocolFactory f = factories.get(target);
        if (m.isInIOThread()) {
            AcceptedConnection.serve(m, f, client, listening, session);
            return;
        }
        inFlight.add(client);
        m.callFromThread(() -> {
            // Whoever removes the socket from the set owns it: this member, or closeInFlight() after a stop.
            if (inFlight.remove(client)) {
                AcceptedConnection.serve(m, f, client, listening, session);
            }
        });
    }

    /** Closes sockets handed to a member that stopped before taking them up. */
    void closeInFlight() {
        for (StreamSocketHandle s : List.copyOf(inFlight)) {
            if (inFlight.remove(s)) {
                Handles.closeQuietly(s, "GroupPort");
            }
        }
    }

    @Override
    public String toString() {
        return "GroupPort[" + describe() + (balanced ? " kernel-balanced" : " hand-off") + "]";
    }
}
