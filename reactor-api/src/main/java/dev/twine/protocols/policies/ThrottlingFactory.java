package dev.twine.protocols.policies;

import dev.twine.internet.IAddress;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactorTime;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

/**
 * Limits the number of connections and the read and write bandwidth of all of them together (Twisted's
 * {@code twisted.protocols.policies.ThrottlingFactory}, semantics.md §3.8). Nothing ever sleeps: limits
 * are enforced by pausing and resuming.
 *
 * <ul>
 *   <li>Beyond {@link #maxConnectionCount} connections, {@link #buildProtocol} refuses (returns null)
 *       and logs "Max connection count reached!".</li>
 *   <li>Every byte read and written through a {@link ThrottlingProtocol} is counted. Once a second
 *       (from the first connection on, while a limit is set) the count of the last second is compared
 *       with {@link #readLimit} / {@link #writeLimit}. Over the limit, every connection is throttled
 *       for {@code count / limit - 1} seconds: reads by pausing each transport, writes by pausing each
 *       registered push producer. Then the count starts again from zero.</li>
 *   <li>A connection made while reads are throttled starts paused (Twine's addition: Twisted would let
 *       it read until the next check).</li>
 *   <li>When the last connection ends, the timers are cancelled.</li>
 * </ul>
 * A {@code null} limit (Twisted's {@code None}) means none, and no timer runs for it.
 *
 * <p>Threading: reactor thread only.
 */
public class ThrottlingFactory extends WrappingFactory {
    private static final System.Logger LOG = System.getLogger(ThrottlingFactory.class.getName());

    /** The most connections at once; Twisted's default {@code sys.maxsize}. */
    public final int maxConnectionCount;
    /** Bytes per second read over all connections, or null for no limit. */
    public final Long readLimit;
    /** Bytes per second written over all connections, or null for no limit. */
    public final Long writeLimit;

    private final IReactorTime clock;
    private int connectionCount;
    private long readThisSecond;
    private long writtenThisSecond;
    private boolean readsThrottled;
    private boolean writesThrottled;
    private IDelayedCall checkReadBandwidthID;
    private IDelayedCall checkWriteBandwidthID;
    private IDelayedCall unthrottleReadsID;
    private IDelayedCall unthrottleWritesID;

    /**
     * Wraps {@code wrappedFactory}; bandwidth is checked on {@code clock} (the reactor, or a test Clock).
     *
     * @throws IllegalArgumentException for a connection count below 1 or a limit below 1
     */
    public ThrottlingFactory(IReactorTime clock, IProtocolFactory wrappedFactory, int maxConnectionCount,
            Long readLimit, Long writeLimit) {
        super(wrappedFactory);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxConnectionCount < 1) {
            throw new IllegalArgumentException("maxConnectionCount must be >= 1, got " + maxConnectionCount);
        }
        for (Long limit : new Long[] {readLimit, writeLimit}) {
            if (limit != null && limit < 1) {
                throw new IllegalArgumentException("a bandwidth limit must be >= 1 byte per second, got " + limit);
            }
        }
        this.maxConnectionCount = maxConnectionCount;
        this.readLimit = readLimit;
        this.writeLimit = writeLimit;
    }

    @Override
    protected ProtocolWrapper wrapProtocol(IProtocol protocol) {
        return new ThrottlingProtocol(this, protocol);
    }

    @Override
    public IProtocol buildProtocol(IAddress addr) {
        if (connectionCount == 0) {
            if (readLimit != null) {
                checkReadBandwidth();
            }
            if (writeLimit != null) {
                checkWriteBandwidth();
            }
        }
        if (connectionCount >= maxConnectionCount) {
            LOG.log(Level.INFO, "Max connection count reached!");
            return null;
        }
        IProtocol p = super.buildProtocol(addr);
        if (p != null) {
            connectionCount++;
        }
        return p;
    }

    @Override
    public void registerProtocol(ProtocolWrapper p) {
        super.registerProtocol(p);
        if (readsThrottled && p instanceof ThrottlingProtocol t) {
            t.throttleReads();
        }
    }

    @Override
    public void unregisterProtocol(ProtocolWrapper p) {
        super.unregisterProtocol(p);
        connectionCount--;
        if (connectionCount == 0) {
            cancel(unthrottleReadsID);
            cancel(checkReadBandwidthID);
            cancel(unthrottleWritesID);
            cancel(checkWriteBandwidthID);
            unthrottleReadsID = checkReadBandwidthID = unthrottleWritesID = checkWriteBandwidthID = null;
            readsThrottled = false;
            writesThrottled = false;
        }
    }

    private static void cancel(IDelayedCall call) {
        if (call != null && call.active()) {
            call.cancel();
        }
    }

    /** How many connections are up (or being made). */
    public int connectionCount() {
        return connectionCount;
    }

    void registerRead(long length) {
        readThisSecond += length;
    }

    void registerWritten(long length) {
        writtenThisSecond += length;
    }

    private void checkReadBandwidth() {
        if (readThisSecond > readLimit) {
            throttleReads();
            double throttleTime = (double) readThisSecond / readLimit - 1.0;
            unthrottleReadsID = clock.callLater(throttleTime, this::unthrottleReads);
        }
        readThisSecond = 0;
        checkReadBandwidthID = clock.callLater(1, this::checkReadBandwidth);
    }

    private void checkWriteBandwidth() {
        if (writtenThisSecond > writeLimit) {
            throttleWrites();
            double throttleTime = (double) writtenThisSecond / writeLimit - 1.0;
            unthrottleWritesID = clock.callLater(throttleTime, this::unthrottleWrites);
        }
        writtenThisSecond = 0;
        checkWriteBandwidthID = clock.callLater(1, this::checkWriteBandwidth);
    }

    /** Pauses reading on every connection. */
    public void throttleReads() {
        LOG.log(Level.DEBUG, "Throttling reads on {0}", this);
        readsThrottled = true;
        for (ThrottlingProtocol p : throttling()) {
            p.throttleReads();
        }
    }

    /** Resumes reading on every connection. */
    public void unthrottleReads() {
        unthrottleReadsID = null;
        LOG.log(Level.DEBUG, "Stopped throttling reads on {0}", this);
        readsThrottled = false;
        for (ThrottlingProtocol p : throttling()) {
            p.unthrottleReads();
        }
    }

    /** Pauses every connection's registered push producer. */
    public void throttleWrites() {
        LOG.log(Level.DEBUG, "Throttling writes on {0}", this);
        writesThrottled = true;
        for (ThrottlingProtocol p : throttling()) {
            p.throttleWrites();
        }
    }

    /** Resumes every connection's registered push producer. */
    public void unthrottleWrites() {
        unthrottleWritesID = null;
        LOG.log(Level.DEBUG, "Stopped throttling writes on {0}", this);
        writesThrottled = false;
        for (ThrottlingProtocol p : throttling()) {
            p.unthrottleWrites();
        }
    }

    /** True while reads are paused. */
    public boolean readsThrottled() {
        return readsThrottled;
    }

    /** True while writes are paused. */
    public boolean writesThrottled() {
        return writesThrottled;
    }

    private List<ThrottlingProtocol> throttling() {
        // A copy: pausing or resuming may end a connection and so change the set.
        return protocols().stream().filter(ThrottlingProtocol.class::isInstance).map(ThrottlingProtocol.class::cast)
                .toList();
    }
}
