package dev.twine.internet.group;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.IReactorUDP;
import dev.twine.internet.Reactors;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.ReactorNotRunning;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.protocols.tls.TLSMemoryBIOFactory;
import dev.twine.protocols.tls.TLSMemoryBIOProtocol;
import dev.twine.spi.ReactorBackend;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Twisted's one-thread reactor model on several cores: N member reactors of one backend, each with its own
 * thread and poller, behind shared listening ports (semantics.md §5).
 *
 * <h2>Ownership</h2>
 * A connection belongs to one member for its whole life: its protocol, transport, timers and Deferreds run
 * only on that member's thread, so protocol code needs no locks, exactly as under one reactor. Code on one
 * member reaches another only through that member's {@link ReactorBase#callFromThread} (or
 * {@link #callFromThread(int, Runnable)}); it must never call another member's transports, timers or
 * Deferreds directly.
 *
 * <h2>Life cycle</h2>
 * {@link #start()} runs every member on its own thread; each fires its own "startup" event, runs its loop,
 * and on {@link #stop()} runs Twisted's shutdown sequence (semantics.md §1.1.2): crash, every connection
 * {@code connectionLost(ConnectionLost)}, the thread pool, the user's triggers. System event triggers are
 * per member ({@link #addSystemEventTrigger} adds one to each). A member stopped on its own stops alone;
 * {@link #stop()} stops all. A group cannot run again after it stopped, like a reactor.
 *
 * <h2>Ports and clients</h2>
 * {@link #listenTCP(int, Supplier, int, String)} gives one {@link GroupPort} for all members: one
 * kernel-balanced socket per member where the OS can spread connections itself (Linux
 * {@code SO_REUSEPORT}, FreeBSD {@code SO_REUSEPORT_LB}), else one socket on member 0 that hands each
 * accepted connection to a member chosen round robin (semantics.md §5.2). {@link #connectTCP} picks the
 * member by the same round robin. {@link #listenUNIX(String, Supplier, int, int, boolean)} gives a hand-off
 * {@link GroupPort} on a UNIX socket. {@link #listenUDP(int, Supplier, String, int)} gives one
 * {@link GroupDatagramPort}: one kernel-balanced socket per member where the OS spreads datagrams by sender,
 * else member 0's socket alone.
 *
 * <h2>Threading</h2>
 * {@link #callFromThread}, {@link #stop()}, {@link #connectTCP}, {@link #awaitTermination},
 * {@link #member}, {@link #members()} and {@link #size()} are thread-safe. {@link #listenTCP},
 * {@link #listenUNIX}, {@link #listenUDP} and {@link #addSystemEventTrigger} may be called before
 * {@link #start()} from the thread that built the group, or afterwards from any thread that is not a
 * member's (they then run on each member in turn and wait for it; from a member thread that would deadlock,
 * so it is refused).
 */
public final class ReactorGroup implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReactorGroup.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();
    /** How long a call run on a member (listenTCP after start) may take before the caller gives up. */
    private static final long MEMBER_CALL_SECONDS = 30;

    private final ReactorBackend<?> backend;
    private final List<ReactorBase> members;
    private final Thread[] threads;
    private final MemberChooser chooser;
    private final String name;
    private final List<GroupPort> ports = new ArrayList<>();
    private volatile State state = State.IDLE;
    private StallDetector stallDetector;

    private enum State { IDLE, RUNNING, STOPPING, CLOSED }

    private ReactorGroup(ReactorBackend<?> backend, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a group needs at least one member, got " + size);
        }
        this.backend = Objects.requireNonNull(backend, "backend");
        this.name = "twine-group-" + IDS.incrementAndGet();
        List<ReactorBase> built = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                built.add(new ReactorBase(backend));
            }
        } catch (RuntimeException e) {
            built.forEach(ReactorBase::close);
            throw e;
        }
        this.members = List.copyOf(built);
        this.threads = new Thread[size];
        this.chooser = new MemberChooser(size);
    }

    /** A group of one member per available processor on the selected backend ({@code -Dtwine.reactor}). */
    public static ReactorGroup create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /** A group of {@code size} members on the selected backend. */
    public static ReactorGroup create(int size) {
        return new ReactorGroup(Reactors.selectedBackend(), size);
    }

    /** A group of {@code size} members on {@code backend}. */
    public static ReactorGroup create(ReactorBackend<?> backend, int size) {
        return new ReactorGroup(backend, size);
    }

    /** The number of members. */
    public int size() {
        return members.size();
    }

    /** The members, in index order. */
    public List<ReactorBase> members() {
        return members;
    }

    /** Member {@code index}. */
    public ReactorBase member(int index) {
        return members.get(index);
    }

    /** The backend every member runs on. */
    public String backendName() {
        return backend.name();
    }

    /** The member whose thread is calling, or null if the caller is no member's thread. */
    public ReactorBase currentMember() {
        for (ReactorBase m : members) {
            if (m.isInIOThread()) {
                return m;
            }
        }
        return null;
    }

    /** The member the next client connection goes to (round robin, semantics.md §5.2). */
    public ReactorBase next() {
        return members.get(chooser.next());
    }

    /** Runs {@code f} on member {@code index}'s thread, in its next iteration. Thread-safe. */
    public void callFromThread(int index, Runnable f) {
        members.get(index).callFromThread(f);
    }

    /**
     * Starts a {@link StallDetector} over every member, reporting each loop pass that runs longer than
     * {@code threshold} once (semantics.md §5.4); it stops with the group ({@link #awaitTermination},
     * {@link #close()}).
     *
     * @throws IllegalStateException if one was started already
     */
    public synchronized StallDetector detectStalls(Duration threshold, java.util.function.Consumer<StallReport> listener) {
        if (stallDetector != null) {
            throw new IllegalStateException(name + " already has a stall detector");
        }
        stallDetector = StallDetector.start(threshold, members, listener);
        return stallDetector;
    }

    /** {@link #detectStalls(Duration, java.util.function.Consumer)} that only logs (and records JFR events). */
    public StallDetector detectStalls(Duration threshold) {
        return detectStalls(threshold, r -> { });
    }

    // -- life cycle -----------------------------------------------------------------------------------

    /**
     * Starts every member on its own thread, named after the group and the member's index.
     *
     * @throws IllegalStateException if the group was started before
     */
    public synchronized void start() {
        if (state != State.IDLE) {
            throw new IllegalStateException(name + " was started before (" + state + ")");
        }
        state = State.RUNNING;
        for (int i = 0; i < members.size(); i++) {
            ReactorBase m = members.get(i);
            Thread t = new Thread(() -> runMember(m), name + "-" + i);
            threads[i] = t;
            t.start();
        }
    }

    private static void runMember(ReactorBase m) {
        try {
            m.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, m + " ended with an error", e);
        }
    }

    /**
     * Stops every member: each runs its shutdown sequence on its own thread, so every connection gets
     * {@code connectionLost(ConnectionLost)}. Returns at once; {@link #awaitTermination} waits. Stopping a
     * group that is stopping already does nothing.
     *
     * @throws ReactorNotRunning if the group was never started
     */
    public synchronized void stop() {
        if (state == State.IDLE) {
            throw new ReactorNotRunning("Can't stop a reactor group that isn't running.");
        }
        if (state != State.RUNNING) {
            return;
        }
        state = State.STOPPING;
        for (ReactorBase m : members) {
            m.callFromThread(() -> {
                try {
                    m.stop();
                } catch (ReactorNotRunning alreadyStopped) {
                    // This member was stopped on its own; its shutdown is under way or done.
                }
            });
        }
    }

    /**
     * Waits until every member's thread has ended, then closes what the group still holds (sockets handed
     * to a member that stopped before it could serve them).
     *
     * @return true if all ended within {@code timeout}
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threadsSnapshot()) {
            long left = deadline - System.nanoTime();
            if (t != null && (left <= 0 || !join(t, left))) {
                return false;
            }
        }
        closeInFlight();
        return true;
    }

    private static boolean join(Thread t, long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedJoin(t, nanos);
        return !t.isAlive();
    }

    private synchronized Thread[] threadsSnapshot() {
        return threads.clone();
    }

    private void closeInFlight() {
        List<GroupPort> snapshot;
        StallDetector detector;
        synchronized (this) {
            snapshot = List.copyOf(ports);
            detector = stallDetector;
        }
        if (detector != null) {
            detector.close();
        }
        for (GroupPort p : snapshot) {
            p.closeInFlight();
        }
    }

    /**
     * Closes every member that is not running: for a group never started, or after
     * {@link #awaitTermination}. Idempotent.
     *
     * @throws IllegalStateException if a member is still running
     */
    @Override
    public synchronized void close() {
        for (Thread t : threads) {
            if (t != null && t.isAlive()) {
                throw new IllegalStateException(name + " is still running; stop() and awaitTermination() first");
            }
        }
        closeInFlight();
        for (ReactorBase m : members) {
            m.close();
        }
        state = State.CLOSED;
    }

    /**
     * Adds {@code trigger} for {@code eventType} to every member: it then runs once per member, on that
     * member's thread, when that member fires the event. See the class comment for when this may be called.
     */
    public void addSystemEventTrigger(Phase phase, String eventType, Runnable trigger) {
        Objects.requireNonNull(trigger, "trigger");
        for (int i = 0; i < members.size(); i++) {
            ReactorBase m = members.get(i);
            onMember(i, () -> m.addSystemEventTrigger(phase, eventType, trigger));
        }
    }

    // -- TCP --------------------------------------------------------------------------------------------

    /**
     * Listens on {@code port} (0: any free one) with one factory per member: {@code factories} is called
     * once for each member, and each factory only ever runs on its member's thread, so a factory written for
     * Twisted's single thread stays correct. See {@link GroupPort} for how the members share the port.
     *
     * @throws dev.twine.internet.error.CannotListenError if any member cannot listen; none is left listening
     */
    public GroupPort listenTCP(int port, Supplier<? extends IProtocolFactory> factories, int backlog, String iface) {
        Objects.requireNonNull(factories, "factories");
        List<IProtocolFactory> perMember = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            perMember.add(Objects.requireNonNull(factories.get(), "the factory supplier returned null"));
        }
        return listen(port, perMember, false, backlog, iface);
    }

    /**
     * Listens on {@code port} with one factory shared by every member, which is allowed only when its class
     * is annotated {@link ThreadSafeFactory}: its {@code buildProtocol} runs on several threads at once.
     * {@code doStart}/{@code doStop} run once for this group port.
     *
     * @throws IllegalArgumentException if the factory's class is not {@link ThreadSafeFactory}
     */
    public GroupPort listenTCP(int port, IProtocolFactory sharedFactory, int backlog, String iface) {
        Objects.requireNonNull(sharedFactory, "sharedFactory");
        if (!sharedFactory.getClass().isAnnotationPresent(ThreadSafeFactory.class)) {
            throw new IllegalArgumentException(sharedFactory.getClass().getName() + " is not annotated @"
                    + ThreadSafeFactory.class.getSimpleName()
                    + "; listen with a Supplier of one factory per member instead");
        }
        List<IProtocolFactory> same = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            same.add(sharedFactory);
        }
        return listen(port, same, true, backlog, iface);
    }

    /** {@link #listenTCP(int, Supplier, int, String)} with backlog 50 on every IPv4 interface. */
    public GroupPort listenTCP(int port, Supplier<? extends IProtocolFactory> factories) {
        return listenTCP(port, factories, 50, "");
    }

    // -- TLS --------------------------------------------------------------------------------------------

    /**
     * Listens for TLS on {@code port}, as {@link #listenTCP(int, Supplier, int, String)} listens for TCP:
     * one factory per member, each wrapped in a server-side {@link TLSMemoryBIOFactory}, so every member
     * runs the handshakes of its own connections (semantics.md §4.10, §5.2). The one {@code contextFactory}
     * makes every member's engines, on the members' threads at once, so it must be thread-safe, as
     * {@code CertificateOptions} is. A protocol's transport is its {@link TLSMemoryBIOProtocol}, which
     * answers the {@code ISSLTransport} calls.
     *
     * @throws dev.twine.internet.error.CannotListenError if any member cannot listen; none is left listening
     */
    public GroupPort listenSSL(int port, Supplier<? extends IProtocolFactory> factories, IContextFactory contextFactory,
            int backlog, String iface) {
        Objects.requireNonNull(factories, "factories");
        Objects.requireNonNull(contextFactory, "contextFactory");
        return listenTCP(port, () -> new TLSMemoryBIOFactory(contextFactory, false,
                Objects.requireNonNull(factories.get(), "the factory supplier returned null")), backlog, iface);
    }

    /** {@link #listenSSL(int, Supplier, IContextFactory, int, String)} with backlog 50 on every IPv4 interface. */
    public GroupPort listenSSL(int port, Supplier<? extends IProtocolFactory> factories, IContextFactory contextFactory) {
        return listenSSL(port, factories, contextFactory, 50, "");
    }

    private GroupPort listen(int port, List<IProtocolFactory> factories, boolean shared, int backlog, String iface) {
        boolean balanced = members.size() > 1 && backend.sockets().balancesSharedListeners();
        String address = iface == null ? "" : iface;
        return listen(port, factories, shared, balanced, GroupPort.MemberPortMaker.tcp(address, backlog));
    }

    private GroupPort listen(int port, List<IProtocolFactory> factories, boolean shared, boolean balanced,
            GroupPort.MemberPortMaker portMaker) {
        GroupPort p = new GroupPort(this, factories, shared, balanced, portMaker);
        p.listen(port);
        synchronized (this) {
            ports.add(p);
        }
        return p;
    }

    // -- UNIX stream sockets ------------------------------------------------------------------------------

    /**
     * Listens on the UNIX stream socket {@code address} (semantics.md §8) with one factory per member, as
     * {@link #listenTCP(int, Supplier, int, String)} does on a TCP port. Only one socket can be bound to a
     * name, so member 0 accepts and hands each connection to the member chosen round robin (the hand-off
     * of {@link GroupPort}); {@code backlog}, {@code mode} and {@code wantPID} are {@code listenUNIX}'s.
     *
     * @throws dev.twine.internet.error.CannotListenError naming the path, as {@code listenUNIX} does
     */
    public GroupPort listenUNIX(String address, Supplier<? extends IProtocolFactory> factories, int backlog, int mode,
            boolean wantPID) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(factories, "factories");
        List<IProtocolFactory> perMember = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            perMember.add(Objects.requireNonNull(factories.get(), "the factory supplier returned null"));
        }
        return listen(0, perMember, false, false, GroupPort.MemberPortMaker.unix(address, backlog, mode, wantPID));
    }

    /** {@link #listenUNIX(String, Supplier, int, int, boolean)} with backlog 50, mode 0666, no lock file. */
    public GroupPort listenUNIX(String address, Supplier<? extends IProtocolFactory> factories) {
        return listenUNIX(address, factories, 50, 0666, false);
    }

    // -- UDP --------------------------------------------------------------------------------------------

    /**
     * Binds one UDP port for the group with a protocol per member: {@code protocols} is called once for each
     * member that gets a socket, and each protocol runs only on its member's thread. See
     * {@link GroupDatagramPort} for how the members share the port (kernel-balanced by sender where the OS
     * can, else member 0 alone).
     *
     * @param iface         {@code ""} for every IPv4 interface, or an IP literal, as for {@code listenUDP}
     * @param maxPacketSize the longest datagram delivered whole
     * @throws dev.twine.internet.error.CannotListenError if any member cannot bind; none is left bound
     */
    public GroupDatagramPort listenUDP(int port, Supplier<? extends DatagramProtocol> protocols, String iface,
            int maxPacketSize) {
        Objects.requireNonNull(protocols, "protocols");
        boolean balanced = members.size() > 1 && backend.sockets().balancesSharedListeners();
        List<DatagramProtocol> perMember = new ArrayList<>();
        for (int i = 0; i < (balanced ? members.size() : 1); i++) {
            perMember.add(Objects.requireNonNull(protocols.get(), "the protocol supplier returned null"));
        }
        GroupDatagramPort p = new GroupDatagramPort(this, perMember, balanced, iface == null ? "" : iface,
                maxPacketSize);
        p.listen(port);
        return p;
    }

    /** {@link #listenUDP(int, Supplier, String, int)} on every IPv4 interface with Twisted's 8192-byte limit. */
    public GroupDatagramPort listenUDP(int port, Supplier<? extends DatagramProtocol> protocols) {
        return listenUDP(port, protocols, "", IReactorUDP.DEFAULT_MAX_PACKET_SIZE);
    }

    /**
     * Connects to {@code host:port} from the member chosen by round robin; the connector and every
     * callback of {@code factory} run on that member. The future completes on that member's thread once
     * {@code connectTCP} was called there (not when the connection is made: that is
     * {@code factory}'s business, as in Twisted).
     */
    public CompletableFuture<IConnector> connectTCP(String host, int port, ClientFactory factory, double timeout) {
        Objects.requireNonNull(factory, "factory");
        ReactorBase m = next();
        CompletableFuture<IConnector> result = new CompletableFuture<>();
        Runnable connect = () -> {
            try {
                result.complete(m.connectTCP(host, port, factory, timeout, null));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        };
        if (state == State.IDLE || m.isInIOThread()) {
            connect.run();
        } else {
            m.callFromThread(connect);
        }
        return result;
    }

    // -- internals ----------------------------------------------------------------------------------------

    /**
     * Runs {@code call} on member {@code index}: directly before the group starts (or on that member's own
     * thread), else through its {@code callFromThread}, waiting for the result.
     */
    <T> T onMember(int index, Callable<T> call) {
        ReactorBase m = members.get(index);
        if (state == State.IDLE || m.isInIOThread()) {
            return callDirect(call);
        }
        ReactorBase caller = currentMember();
        if (caller != null) {
            throw new IllegalStateException("called on " + caller + ": a member thread must not wait for " + m
                    + " (call it from a thread of your own, or before start())");
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        m.callFromThread(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(MEMBER_CALL_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + m, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(m + " did not run the call within " + MEMBER_CALL_SECONDS + " s", e);
        }
    }

    private static <T> T callDirect(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void runOnMember(int index, Runnable r) {
        onMember(index, () -> {
            r.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return "<" + name + " " + backend.name() + " x" + members.size() + " " + state + ">";
    }
}
