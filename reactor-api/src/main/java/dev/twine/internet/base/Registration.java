package dev.twine.internet.base;

import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;

/**
 * What the reactor knows about one registered handle: its reader and writer, the interest the poller was
 * last given, and the token the poller hands back with its events (Twisted's epoll reactor keeps the same
 * facts in its {@code _reads}, {@code _writes} and {@code _selectables} dictionaries).
 *
 * <p>Records live in {@link DescriptorSet}'s slot table and are reused: a slot whose handle has no reader
 * and no writer left is freed, and the next registration that takes it bumps the slot's generation. The
 * token is {@code generation << 32 | slot}, so an event fetched for an earlier occupant of the slot no
 * longer matches and is dropped (the epoll generation number of the earlier design, now kept once, here).
 * Reactor thread only.
 *
 * @param <H> the backend's handle type
 */
final class Registration<H extends SelectableHandle> {
    /** The index of this record in its set's slot table; fixed for the record's life. */
    final int slot;
    /** Bumped each time the slot is taken; the upper half of the token. Only 31 bits are used. */
    int generation;
    /** The handle while registered; null while the slot is free. */
    H handle;
    IReadDescriptor reader;
    IWriteDescriptor writer;
    /** The interest the poller was last given for this handle; 0 when the poller does not watch it. */
    int applied;
    /** Waiting for its optimistic write before the next wait. */
    boolean queuedOptimistic;
    /** Waiting for its interest to be brought up to date before the next wait. */
    boolean queuedDirty;

    Registration(int slot) {
        this.slot = slot;
    }

    /** The token the poller was given for this occupant of the slot. */
    long token() {
        return (long) generation << 32 | slot;
    }

    /** The slot a token names. */
    static int slotOf(long token) {
        return (int) token;
    }

    /** The generation a token names. */
    static int generationOf(long token) {
        return (int) (token >>> 32);
    }

    /** The interest the current reader and writer call for. */
    int wanted() {
        return (reader != null ? Poller.READ : 0) | (writer != null ? Poller.WRITE : 0);
    }

    /**
     * The ready bits worth dispatching now: the directions wanted at this moment (a reader also hears
     * of {@link Poller#READ_HANGUP}), and {@link Poller#HANGUP} and {@link Poller#ERROR} always.
     */
    int reportable(int readyOps) {
        int keep = Poller.HANGUP | Poller.ERROR;
        if (reader != null) {
            keep |= Poller.READ | Poller.READ_HANGUP;
        }
        if (writer != null) {
            keep |= Poller.WRITE;
        }
        return readyOps & keep;
    }

    boolean inUse() {
        return handle != null;
    }
}
