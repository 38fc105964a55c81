package dev.twine.spi;

import java.util.Arrays;

/**
 * The reports a {@link Poller} gathers while it reads one batch of OS events, handed to the sink only once
 * the batch is read: so the poller's own bookkeeping is done before any user code runs, and an event that
 * comes in two parts (kqueue's read and write filters) can be merged into one report first.
 *
 * <p>A building block for poller implementations; the SPI does not require it. Entries keep the order they
 * were added in. Nothing is allocated once the arrays have grown to the largest batch seen. Not
 * thread-safe: one poller's thread only.
 */
public final class ReadyBatch {
    private long[] tokens;
    private int[] ops;
    private SocketError[] errors;
    private int size;

    /** A batch with room for {@code capacity} reports before it first grows. */
    public ReadyBatch(int capacity) {
        tokens = new long[capacity];
        ops = new int[capacity];
        errors = new SocketError[capacity];
    }

    /**
     * Adds a report.
     *
     * @return its index, for {@link #merge}
     */
    public int add(long token, int readyOps, SocketError error) {
        if (size == tokens.length) {
            int grown = size * 2;
            tokens = Arrays.copyOf(tokens, grown);
            ops = Arrays.copyOf(ops, grown);
            errors = Arrays.copyOf(errors, grown);
        }
        tokens[size] = token;
        ops[size] = readyOps;
        errors[size] = error;
        return size++;
    }

    /** Adds bits to report {@code index}; its error stays the first one given. */
    public void merge(int index, int readyOps, SocketError error) {
        ops[index] |= readyOps;
        if (errors[index] == null) {
            errors[index] = error;
        }
    }

    /** The number of reports gathered. */
    public int size() {
        return size;
    }

    /** The token of report {@code index}. */
    public long token(int index) {
        return tokens[index];
    }

    /** The bits of report {@code index}. */
    public int ops(int index) {
        return ops[index];
    }

    /** The error of report {@code index}, or null. */
    public SocketError error(int index) {
        return errors[index];
    }

    /** Forgets every report. */
    public void clear() {
        Arrays.fill(errors, 0, size, null);
        size = 0;
    }

    /**
     * Hands every report to {@code sink}, in order, and empties the batch (also when the sink throws, in
     * which case the reports after the failing one are dropped: level-triggered polling reports them
     * again). The sink must not add to the batch being drained.
     *
     * @return the number of reports made
     */
    public int drainTo(Poller.ReadySink sink) {
        int n = size;
        size = 0;
        for (int i = 0; i < n; i++) {
            SocketError error = errors[i];
            errors[i] = null;
            sink.ready(tokens[i], ops[i], error);
        }
        return n;
    }
}
