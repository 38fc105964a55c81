package dev.twine.internet.base;

import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;

/**
 * What the reactor knows about one handle, kept in {@link SelectableHandle#reactorSlot()} so that an event
 * reaches its descriptors without a map lookup (Twisted's epoll reactor keeps {@code _reads},
 * {@code _writes} and {@code _selectables} dictionaries keyed by fd instead).
 *
 * <p>A handle has at most one reader and one writer (usually the same transport object). The record
 * outlives deregistration and is reused if the handle is registered again. Reactor thread only.
 */
final class Registration {
    final DescriptorSet owner;
    final SelectableHandle handle;
    IReadDescriptor reader;
    IWriteDescriptor writer;
    /** The interest the poller was last given for this handle. */
    int applied;
    /** Position in the owner's registry while a reader or writer is set, else -1. */
    int index = -1;
    /** Waiting for its optimistic write before the next wait. */
    boolean queuedOptimistic;
    /** Waiting for its interest to be brought up to date before the next wait. */
    boolean queuedDirty;

    Registration(DescriptorSet owner, SelectableHandle handle) {
        this.owner = owner;
        this.handle = handle;
    }

    /** The interest the current reader and writer call for. */
    int wanted() {
        return (reader != null ? Poller.READ : 0) | (writer != null ? Poller.WRITE : 0);
    }

    boolean registered() {
        return index >= 0;
    }
}
