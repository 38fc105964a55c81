package dev.twine.internet.tcp;

import dev.twine.defer.Failure;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore.Phase;
import dev.twine.internet.base.LoopMonitor;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.ConnectionLost;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The TCP state one reactor shares between all its ports and connections: the read buffer, the pool of
 * write chunks, the gathering-write scratch array, and the set of live TCP descriptors.
 *
 * <p><b>Reading.</b> Every connection of a reactor reads into the same 64 KiB direct buffer (one reactor
 * thread reads one socket at a time), and protocols get a read-only view of it that is valid only during
 * {@code dataReceived} (the contract in {@link dev.twine.internet.IProtocol#dataReceived}). The view is
 * made once and re-pointed for each read, so a read allocates nothing.
 *
 * <p><b>Shutdown.</b> The reactor's own "during shutdown" step disconnects every registered descriptor
 * (semantics.md §1.1.2). A connection that is registered for neither reading nor writing (paused, with nothing to
 * send), a port whose close is pending, or a connect attempt that is still resolving would be missed and
 * keep its socket open. So the context adds a "during shutdown" trigger that gives every TCP descriptor
 * still alive after that step {@code connectionLost(ConnectionLost)} too; descriptors the reactor
 * already disconnected have left the set, and {@code connectionLost} is idempotent anyway.
 *
 * <p>Threading: created from whichever thread first uses TCP on the reactor (usually before
 * {@code run()}); afterwards reactor thread only. The lookup map itself is synchronized because tests run
 * several reactors on different threads.
 */
final class TcpContext {
    /** Twisted's {@code Connection.bufferSize}: at most 64 KiB per {@code dataReceived}. */
    static final int READ_BUFFER_SIZE = 64 * 1024;
    /** Idle write chunks kept per reactor: 256 x 16 KiB = 4 MiB at most. */
    static final int MAX_POOLED_CHUNKS = Integer.getInteger("twine.tcp.pooledChunks", 256);
    /** Chunks per gathering write; far below every OS's IOV_MAX (1024 on Linux and BSD). */
    static final int GATHER_LIMIT = 64;

    private static final System.Logger LOG = System.getLogger(TcpContext.class.getName());
    /** Weak keys: a reactor that is gone takes its TCP state with it. Values never refer to their key. */
    private static final Map<IReactor, TcpContext> CONTEXTS = new WeakHashMap<>();

    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    /** A read-only view over {@link #readBuffer}; see the class comment. */
    final ByteBuffer readView = readBuffer.asReadOnlyBuffer();
    final ChunkPool chunks = new ChunkPool(MAX_POOLED_CHUNKS);
    final ByteBuffer[] gather = new ByteBuffer[GATHER_LIMIT];
    /**
     * TLS scratch, made on first use: {@code tlsIn} receives the plaintext of the records one read
     * unwrapped (protocols see a read-only view, valid during {@code dataReceived} only, as for
     * {@link #readBuffer}), {@code tlsOut} the records one flush seals before they are copied into the
     * connection's pooled write chunks. Heap buffers: the JDK's ciphers work on arrays, and a direct buffer
     * would only add a copy inside the engine. 64 KiB holds several full records (16 KiB + 256 bytes each,
     * RFC 8446 §5.2).
     */
    private TlsScratch tls;

    /** The reactor's TLS scratch buffers, allocated the first time a connection speaks TLS. */
    TlsScratch tls() {
        if (tls == null) {
            tls = new TlsScratch();
        }
        return tls;
    }

    private final Set<IFileDescriptor> live = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The reactor's counters (the reactor's own monitor, or a private one for other IReactors). */
    final LoopMonitor monitor;

    private TcpContext(LoopMonitor monitor) {
        this.monitor = monitor;
    }

    /** The reactor's TCP state, created (and its shutdown trigger added) on first use. */
    static TcpContext of(IReactor reactor) {
        synchronized (CONTEXTS) {
            TcpContext context = CONTEXTS.get(reactor);
            if (context == null) {
                context = new TcpContext(reactor instanceof ReactorBase base ? base.monitor()
                        : new LoopMonitor(String.valueOf(reactor)));
                CONTEXTS.put(reactor, context);
                reactor.addSystemEventTrigger(Phase.DURING, "shutdown", (Runnable) context::disconnectRemaining);
            }
            return context;
        }
    }

    /** Records a port, connection or connect attempt that holds (or will hold) a socket. */
    void track(IFileDescriptor descriptor) {
        if (live.add(descriptor) && descriptor instanceof Connection) {
            monitor.connectionOpened();
        }
    }

    /** The descriptor has closed its socket and told its owner; shutdown need not visit it. */
    void forget(IFileDescriptor descriptor) {
        if (live.remove(descriptor) && descriptor instanceof Connection) {
            monitor.connectionClosed();
        }
    }

    /** How many TCP descriptors are alive (for tests and diagnostics). */
    int liveCount() {
        return live.size();
    }

    private void disconnectRemaining() {
        if (live.isEmpty()) {
            return;
        }
        IFileDescriptor[] remaining = live.toArray(new IFileDescriptor[0]);
        for (IFileDescriptor d : remaining) {
            try {
                d.connectionLost(new Failure(new ConnectionLost("Connection lost")));
            } catch (RuntimeException | Error e) {
                Callbacks.rethrowIfFatal(e);
                LOG.log(Level.ERROR, d.logPrefix() + ": connectionLost failed during shutdown", e);
            }
        }
    }
}
