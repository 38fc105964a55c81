package dev.twine.internet.base;

import dev.twine.defer.Failure;
import dev.twine.defer.UnhandledFailures;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectedDatagramProtocol;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.IConnector;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IMulticastTransport;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorSocket;
import dev.twine.internet.IProcessTransport;
import dev.twine.internet.IReactorProcess;
import dev.twine.internet.ProcessProtocol;
import dev.twine.internet.process.SpawnedProcess;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IUDPTransport;
import dev.twine.internet.IUNIXDatagramConnectedTransport;
import dev.twine.internet.IUNIXDatagramTransport;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.internet.error.ReactorAlreadyRunning;
import dev.twine.internet.error.ReactorNotRestartable;
import dev.twine.internet.error.ReactorNotRunning;
import dev.twine.internet.ssl.IContextFactory;
import dev.twine.internet.tcp.AcceptedConnection;
import dev.twine.internet.tcp.AdoptedListenTarget;
import dev.twine.internet.tcp.Connector;
import dev.twine.internet.tcp.Port;
import dev.twine.internet.udp.UnixConnectedDatagramPort;
import dev.twine.internet.udp.UnixDatagramPort;
import dev.twine.internet.unix.UnixListenTarget;
import dev.twine.internet.unix.UnixNames;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketProvider;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reactor: Twisted's {@code ReactorBase} plus {@code PosixReactorBase}'s descriptor handling, over any
 * backend's {@link Poller} (semantics.md §1.1-1.4). Get one from {@code Reactors.newReactor()}.
 *
 * <p><b>One iteration</b> ({@code mainLoop}, semantics.md §1.1.1):
 * <ol>
 *   <li>thread calls queued before this iteration began ({@link ThreadCallQueue});</li>
 *   <li>due timed calls, by deadline, FIFO among equal deadlines ({@link TimerQueue});</li>
 *   <li>the shutdown event, if {@link #stop()} was called;</li>
 *   <li>one optimistic {@code doWrite()} for writers added since the last wait, then the poller's
 *       interest brought up to date ({@link DescriptorSet#beforeWait()});</li>
 *   <li>{@link Poller#poll} with the timeout the timers ask for (0 when not running or when thread calls
 *       are waiting; forever when nothing is scheduled), and dispatch ({@link Dispatcher}).</li>
 * </ol>
 *
 * <p><b>Life cycle</b> (Twisted's flags, {@code base.py:907-955}): {@link #run()} fires "startup";
 * {@link #running()} becomes true in its DURING phase; {@code callWhenRunning} functions run in its AFTER
 * phase; then the loop runs until {@link #crash()} or the end of shutdown. {@link #stop()} only sets flags;
 * "shutdown" fires at the end of the current iteration's step 3. Its DURING phase starts with three
 * internal triggers, in this order: crash (so {@code running} turns false), disconnect every descriptor
 * with {@code ConnectionLost}, stop and join the thread pool; then the user's DURING triggers, then AFTER;
 * then one last iteration with timeout 0, and {@code run()} returns. A stopped reactor cannot run again,
 * so it then reports unhandled Deferred failures and closes its poller. A crashed one can run again.
 *
 * <p><b>Time.</b> Timers use {@link System#nanoTime()}; {@link #seconds()} is epoch seconds from the wall
 * clock, and {@link IDelayedCall#getTime()} converts a deadline into those terms (see {@link TimerQueue}).
 *
 * <p><b>Errors.</b> Every exception from user code (timed calls, thread calls, triggers, {@code doRead},
 * {@code doWrite}, {@code connectionLost}) is logged on {@code System.Logger} {@code dev.twine.internet}
 * and the loop continues (semantics.md §1.10). {@link #callWhenRunning} on a running reactor calls the function
 * directly, so its exception reaches the caller, as in Twisted.
 *
 * <p><b>Threading.</b> {@link #callFromThread} and {@link #isInIOThread} are thread-safe; everything else
 * is for the reactor thread (before {@link #run()}, the thread that builds and sets the reactor up).
 */
public final class ReactorBase implements IReactor, IReactorSocket, IReactorProcess, AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final ReactorBackend<?> backend;
    private final Poller<?> poller;
    private final TimerQueue timers = new TimerQueue();
    private final ThreadCallQueue threadCalls;
    private final SystemEvents events = new SystemEvents();
    private final DescriptorSet<?> descriptors;
    private final ReactorThreadPool threadPool;
    private final String name;
    private final LoopMonitor monitor;

    private volatile Thread ioThread;
    private volatile boolean running;
    /** Twisted's {@code _started}: the main loop keeps going while true. */
    private boolean started;
    /** Twisted's {@code _stopped}: true until run() and again once stop() was called. */
    private boolean stopped = true;
    /** Twisted's {@code _justStopped}: fire "shutdown" at the end of this iteration's timed calls. */
    private boolean justStopped;
    /** Twisted's {@code _startedBefore}: stop() was called, so run() may never be called again. */
    private boolean startedBefore;
    /** A DURING-startup trigger that sets {@code running} is registered and has not run yet. */
    private boolean startTriggerPending;
    private boolean closed;

    /**
     * Builds a reactor on {@code backend}, opening one poller it owns.
     *
     * @throws UncheckedIOException if the poller cannot be opened
     */
    public ReactorBase(ReactorBackend<?> backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.name = "twine-reactor-" + IDS.incrementAndGet();
        this.monitor = new LoopMonitor(name);
        this.descriptors = openDescriptorSet(backend, monitor);
        this.poller = descriptors.poller();
        this.threadCalls = new ThreadCallQueue(poller);
        this.threadPool = new ReactorThreadPool(name);
        addStartTrigger();
        // Registered first, so they run before any user DURING-shutdown trigger (semantics.md §1.1.2).
        events.add(Phase.DURING, "shutdown", callable(this::crash));
        events.add(Phase.DURING, "shutdown", callable(this::disconnectAll));
        events.add(Phase.DURING, "shutdown", callable(threadPool::stop));
    }

    @Override
    public String backendName() {
        return backend.name();
    }

    @Override
    public SocketProvider sockets() {
        return backend.sockets();
    }

    /**
     * What this reactor's loop is doing, readable from any thread without locks: the current pass's start,
     * the descriptor being dispatched, and the counters (semantics.md §5.4).
     */
    public LoopMonitor monitor() {
        return monitor;
    }

    // -- IReactorCore -------------------------------------------------------------------------------

    @Override
    public void run() {
        startRunning();
        try {
            monitor.enterRun(Thread.currentThread());
            monitor.wokeUp();
            mainLoop();
        } finally {
            monitor.leaveRun();
            if (startedBefore && !started) {
                finishAfterStop();
            }
        }
    }

    /** Twisted's {@code startRunning}: checks, makes this the I/O thread, fires "startup". */
    private void startRunning() {
        if (started) {
            throw new ReactorAlreadyRunning("the reactor is already running");
        }
        if (startedBefore) {
            throw new ReactorNotRestartable("the reactor was stopped and cannot run again");
        }
        if (closed) {
            throw new IllegalStateException("the reactor was closed");
        }
        started = true;
        stopped = false;
        ioThread = Thread.currentThread();
        events.fire("startup");
    }

    /** Twisted's {@code mainLoop}: an unexpected error (say from the poller) is logged and looping goes on. */
    private void mainLoop() {
        while (started) {
            try {
                while (started) {
                    runUntilCurrent();
                    descriptors.beforeWait();
                    doPoll(running ? timeoutNanos() : 0);
                }
            } catch (RuntimeException e) {
                ReactorLog.error("Unexpected error in main loop", e);
            }
        }
    }

    /**
     * After a stopped run: reports every Deferred whose chain ended in a failure nobody handled (Twine's
     * deterministic report, rather than only at garbage collection; Twisted #5469), then releases what the
     * reactor holds, since nothing can run on it again.
     */
    private void finishAfterStop() {
        UnhandledFailures.reportAll();
        close();
    }

    @Override
    public void stop() {
        if (stopped) {
            throw new ReactorNotRunning("Can't stop reactor that isn't running.");
        }
        stopped = true;
        justStopped = true;
        startedBefore = true;
    }

    @Override
    public void crash() {
        started = false;
        running = false;
        addStartTrigger();
    }

    @Override
    public void iterate(double delay) {
        if (!(delay >= 0)) {
            throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        }
        if (closed) {
            throw new IllegalStateException("the reactor was stopped and closed");
        }
        runUntilCurrent();
        descriptors.beforeWait();
        doPoll(Double.isInfinite(delay) ? -1 : TimerQueue.toNanos(delay));
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public TriggerId callWhenRunning(Runnable f) {
        Objects.requireNonNull(f, "f");
        if (running) {
            f.run();
            return null;
        }
        return events.add(Phase.AFTER, "startup", callable(f));
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Callable<?> trigger) {
        return events.add(phase, eventType, trigger);
    }

    @Override
    public TriggerId addSystemEventTrigger(Phase phase, String eventType, Runnable trigger) {
        return events.add(phase, eventType, callable(Objects.requireNonNull(trigger, "trigger")));
    }

    @Override
    public void removeSystemEventTrigger(TriggerId id) {
        events.remove(id);
    }

    @Override
    public void fireSystemEvent(String eventType) {
        events.fire(eventType);
    }

    // -- the iteration --------------------------------------------------------------------------------

    /** Steps 1-3 of an iteration (Twisted's {@code runUntilCurrent}). */
    private void runUntilCurrent() {
        threadCalls.runQueued();
        timers.runDueCalls();
        if (justStopped) {
            justStopped = false;
            events.fire("shutdown");
        }
    }

    /** Twisted's {@code timeout()}: 0 if thread calls wait, else what the earliest timer allows. */
    private long timeoutNanos() {
        // stop() may be called from the optimistic writes of beforeWait(), after this iteration's
        // timed calls ran: the shutdown must then run at once, not after the next readiness event.
        if (justStopped || !threadCalls.isEmpty()) {
            return 0;
        }
        return timers.timeoutNanos();
    }

    /** Step 5: waits at most {@code timeoutNanos} (negative: no limit) and dispatches readiness. */
    private void doPoll(long timeoutNanos) {
        boolean sleeping = timeoutNanos != 0 && threadCalls.prepareToSleep();
        long t = sleeping ? timeoutNanos : 0;
        // The pass ends at the wait; the next begins at the first readiness report or, with none, when the
        // poll returns: one clock read per pass for the stall detector (LoopMonitor).
        monitor.enterWait();
        try {
            poller.poll(t, descriptors.sink());
        } catch (IOException e) {
            throw new UncheckedIOException("poll failed", e);
        } finally {
            monitor.wokeUp();
            if (sleeping) {
                threadCalls.awake();
            }
        }
    }

    private void addStartTrigger() {
        if (!startTriggerPending) {
            startTriggerPending = true;
            events.add(Phase.DURING, "startup", callable(this::reallyStartRunning));
        }
    }

    /** Twisted's {@code _reallyStartRunning}: the DURING-startup trigger. */
    private void reallyStartRunning() {
        startTriggerPending = false;
        running = true;
    }

    /**
     * Twisted's {@code disconnectAll}: removes every descriptor, then gives each {@code connectionLost}
     * with {@code ConnectionLost}; one that throws is logged and the rest still get theirs.
     */
    private void disconnectAll() {
        for (IFileDescriptor d : descriptors.removeAll()) {
            try {
                d.connectionLost(new Failure(new ConnectionLost()));
            } catch (Throwable t) {
                ReactorLog.error("Unhandled error in connectionLost during shutdown", d, t);
            }
        }
    }

    /**
     * Releases the poller and stops the thread pool. {@link #run()} does this itself when it returns after
     * {@link #stop()}; call it for a reactor that was never run, or was crashed and will not run again.
     * Idempotent. Afterwards {@link #run()} and {@link #iterate} throw; registrations are still recorded
     * but no longer reach a poller.
     *
     * @throws IllegalStateException if the reactor is running
     */
    @Override
    public void close() {
        if (started) {
            throw new IllegalStateException("close() while the reactor is running");
        }
        // A pool asked for after a stopped run() is never started, but it must not outlive close().
        threadPool.stop();
        if (closed) {
            return;
        }
        closed = true;
        descriptors.pollerClosed();
        try {
            poller.close();
        } catch (IOException | RuntimeException e) {
            ReactorLog.error("Could not close the " + backend.name() + " poller", e);
        }
    }

    // -- IReactorTime --------------------------------------------------------------------------------

    /** Epoch seconds from the wall clock. Timers do not use it; see the class comment. */
    @Override
    public double seconds() {
        return TimerQueue.seconds();
    }

    @Override
    public IDelayedCall callLater(double delay, Runnable f) {
        return timers.schedule(delay, Objects.requireNonNull(f, "f"));
    }

    @Override
    public List<IDelayedCall> getDelayedCalls() {
        return timers.pending();
    }

    // -- IReactorThreads ------------------------------------------------------------------------------

    @Override
    public void callFromThread(Runnable f) {
        threadCalls.add(Objects.requireNonNull(f, "f"));
    }

    @Override
    public void callInThread(Runnable f) {
        Objects.requireNonNull(f, "f");
        ensureThreadPool();
        threadPool.callInThread(f);
    }

    /**
     * The pool, created on first use and started when the reactor runs (Twisted's
     * {@code getThreadPool}). Work given to {@link #callInThread} before then waits; work submitted to the
     * executor directly starts at once.
     */
    @Override
    public ThreadPoolExecutor getThreadPool() {
        ensureThreadPool();
        return threadPool.executor();
    }

    @Override
    public void suggestThreadPoolSize(int size) {
        ensureThreadPool();
        threadPool.suggestSize(size);
    }

    /** Twisted's {@code _initThreadPool}: a new pool starts when the reactor runs (now, if it does). */
    private void ensureThreadPool() {
        if (!threadPool.exists()) {
            threadPool.executor();
            callWhenRunning(threadPool::start);
        }
    }

    @Override
    public boolean isInIOThread() {
        return Thread.currentThread() == ioThread;
    }

    // -- IReactorFDSet --------------------------------------------------------------------------------

    @Override
    public void addReader(IReadDescriptor reader) {
        descriptors.addReader(reader);
    }

    @Override
    public void addWriter(IWriteDescriptor writer) {
        descriptors.addWriter(writer);
    }

    @Override
    public void removeReader(IReadDescriptor reader) {
        descriptors.removeReader(reader);
    }

    @Override
    public void removeWriter(IWriteDescriptor writer) {
        descriptors.removeWriter(writer);
    }

    @Override
    public List<IFileDescriptor> removeAll() {
        return descriptors.removeAll();
    }

    @Override
    public List<IReadDescriptor> getReaders() {
        return descriptors.getReaders();
    }

    @Override
    public List<IWriteDescriptor> getWriters() {
        return descriptors.getWriters();
    }

    // -- IReactorTCP ----------------------------------------------------------------------------------

    @Override
    public IListeningPort listenTCP(int port, IProtocolFactory factory, int backlog, String iface) {
        Port p = new Port(this, port, factory, backlog, iface);
        p.startListening();
        return p;
    }

    @Override
    public IConnector connectTCP(String host, int port, ClientFactory factory, double timeout,
            InetSocketAddress bindAddress) {
        Connector c = new Connector(this, host, port, factory, timeout, bindAddress);
        c.connect();
        return c;
    }

    // -- IReactorSSL ----------------------------------------------------------------------------------

    @Override
    public IListeningPort listenSSL(int port, IProtocolFactory factory, IContextFactory contextFactory, int backlog,
            String iface) {
        java.util.Objects.requireNonNull(contextFactory, "contextFactory");
        Port p = new Port(this, port, factory, backlog, iface, contextFactory);
        p.startListening();
        return p;
    }

    @Override
    public IConnector connectSSL(String host, int port, ClientFactory factory, IContextFactory contextFactory,
            double timeout, InetSocketAddress bindAddress) {
        java.util.Objects.requireNonNull(contextFactory, "contextFactory");
        Connector c = new Connector(this, host, port, factory, timeout, bindAddress, contextFactory);
        c.connect();
        return c;
    }

    // -- IReactorUNIX (semantics.md §8) -----------------------------------------------------------------

    @Override
    public IListeningPort listenUNIX(String address, IProtocolFactory factory, int backlog, int mode,
            boolean wantPID) {
        Port p = new Port(this, new UnixListenTarget(address, mode, wantPID), factory, backlog, null);
        p.startListening();
        return p;
    }

    @Override
    public IConnector connectUNIX(String address, ClientFactory factory, double timeout, boolean checkPID) {
        Connector c = new Connector(this, UnixNames.normalize(address), factory, timeout, checkPID);
        c.connect();
        return c;
    }

    // -- IReactorUNIXDatagram (semantics.md §8.9) -----------------------------------------------------

    @Override
    public IUNIXDatagramTransport listenUNIXDatagram(String address, DatagramProtocol protocol, int maxPacketSize,
            int mode) {
        UnixDatagramPort p = new UnixDatagramPort(this, address, protocol, maxPacketSize, mode);
        p.startListening();
        return p;
    }

    @Override
    public IUNIXDatagramConnectedTransport connectUNIXDatagram(String address, ConnectedDatagramProtocol protocol,
            int maxPacketSize, int mode, String bindAddress) {
        UnixConnectedDatagramPort p = new UnixConnectedDatagramPort(this, address, protocol, maxPacketSize, mode,
                bindAddress);
        p.startListening();
        return p;
    }

    // -- IReactorUDP ----------------------------------------------------------------------------------

    @Override
    public IUDPTransport listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        dev.twine.internet.udp.Port p = new dev.twine.internet.udp.Port(this, port, protocol, iface, maxPacketSize);
        p.startListening();
        return p;
    }

    @Override
    public IMulticastTransport listenMulticast(int port, DatagramProtocol protocol, String iface, int maxPacketSize,
            boolean listenMultiple) {
        dev.twine.internet.udp.Port p = new dev.twine.internet.udp.Port(this, port, protocol, iface, maxPacketSize,
                listenMultiple);
        p.startListening();
        return p;
    }

    // -- IReactorProcess (semantics.md §10) ------------------------------------------------------------

    @Override
    public IProcessTransport spawnProcess(ProcessProtocol processProtocol, String executable, List<String> args,
            Map<String, String> env, String path) {
        Objects.requireNonNull(processProtocol, "processProtocol");
        Objects.requireNonNull(executable, "executable");
        return SpawnedProcess.spawn(this, processProtocol, executable, args == null ? List.of() : args, env, path);
    }

    // -- IReactorSocket (semantics.md §9) ------------------------------------------------------------

    @Override
    public IListeningPort adoptStreamPort(int fileDescriptor, StandardProtocolFamily addressFamily,
            IProtocolFactory factory) {
        requireAdoption();
        Port p = new Port(this, new AdoptedListenTarget(fileDescriptor, addressFamily), factory, 0, null);
        p.startListening();
        return p;
    }

    @Override
    public void adoptStreamConnection(int fileDescriptor, StandardProtocolFamily addressFamily,
            IProtocolFactory factory) {
        requireAdoption();
        StreamSocketHandle socket;
        try {
            socket = sockets().adoptStream(fileDescriptor, addressFamily);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot adopt descriptor " + fileDescriptor + ": " + e.getMessage(), e);
        }
        // The session number of an adopted connection's log prefix: no port counts it, so 0.
        AcceptedConnection.serve(this, factory, socket, null, 0);
    }

    @Override
    public IUDPTransport adoptDatagramPort(int fileDescriptor, StandardProtocolFamily addressFamily,
            DatagramProtocol protocol, int maxPacketSize) {
        requireAdoption();
        dev.twine.internet.udp.Port p = new dev.twine.internet.udp.Port(this, fileDescriptor, addressFamily, protocol,
                maxPacketSize);
        p.startListening();
        return p;
    }

    @Override
    public void closeFileDescriptor(int fileDescriptor) {
        requireAdoption();
        sockets().closeDescriptor(fileDescriptor);
    }

    private void requireAdoption() {
        if (!sockets().supportsAdoption()) {
            throw new UnsupportedOperationException("the " + backendName()
                    + " backend cannot adopt sockets made elsewhere (semantics.md §9)");
        }
    }

    @Override
    public String toString() {
        String state = running ? "running" : started ? "starting" : closed ? "closed" : "idle";
        return "<" + name + " " + backend.name() + " " + state + ">";
    }

    private static Callable<Object> callable(Runnable r) {
        return () -> {
            r.run();
            return null;
        };
    }

    /** Opens the backend's poller and the descriptor set over it, both typed by the backend's handle. */
    private static <H extends SelectableHandle> DescriptorSet<H> openDescriptorSet(ReactorBackend<H> backend,
            LoopMonitor monitor) {
        Poller<H> poller;
        try {
            poller = backend.openPoller();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a " + backend.name() + " poller", e);
        }
        return new DescriptorSet<>(backend, poller, monitor);
    }
}
