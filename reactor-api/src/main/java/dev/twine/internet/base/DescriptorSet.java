package dev.twine.internet.base;

import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The reactor's reader and writer sets over one {@link Poller}: Twisted's {@code IReactorFDSet}
 * bookkeeping (semantics.md §1.4). Dispatch itself lives in {@link Dispatcher}.
 *
 * <p><b>Registry.</b> Each registered handle carries its {@link Registration} in its reactor slot, and the
 * registrations sit in an array (swap-removed by index) for {@link #getReaders()}, {@link #getWriters()}
 * and {@link #removeAll()}. Adding twice and removing what is not registered are silent no-ops.
 *
 * <p><b>Interest changes are batched.</b> Adding a reader, or removing one direction while the other
 * stays, only marks the registration dirty; {@link #beforeWait()} gives the poller the net result just
 * before it waits, so add-then-remove in one iteration costs no system call. Removing the last direction
 * is the exception: it deregisters at once, because the caller may close the handle as soon as
 * {@code removeReader}/{@code removeWriter} returns and the poller must hear of it first.
 *
 * <p><b>Optimistic write.</b> A writer added since the last wait is not given to the poller at all at
 * first: {@link #beforeWait()} calls its {@code doWrite()} once, because a socket that was just written to
 * almost always has room. A write that drains at once removes the writer again and the poller never
 * hears of it; a writer that is still registered afterwards gets its write interest with the other
 * batched changes. Writers added while the optimistic writes run wait for the poller like any other.
 *
 * <p>Reactor thread only. After {@link #pollerClosed()} the sets still work but the poller is never called.
 */
final class DescriptorSet {
    private final Poller poller;
    private final Dispatcher dispatcher;
    private Registration[] registry = new Registration[16];
    private int registryCount;
    private Registration[] optimistic = new Registration[16];
    private int optimisticCount;
    private Registration[] dirty = new Registration[16];
    private int dirtyCount;
    private boolean pollerClosed;

    DescriptorSet(Poller poller) {
        this.poller = poller;
        this.dispatcher = new Dispatcher(this);
    }

    /** The long-lived sink the poller reports readiness to. */
    Poller.ReadySink sink() {
        return dispatcher;
    }

    // -- IReactorFDSet ----------------------------------------------------------------------------

    void addReader(IReadDescriptor reader) {
        Registration reg = registrationFor(handleOf(reader));
        if (reg.reader == reader) {
            return;
        }
        reg.reader = reader;
        enlist(reg);
        markDirty(reg);
    }

    void addWriter(IWriteDescriptor writer) {
        Registration reg = registrationFor(handleOf(writer));
        if (reg.writer == writer) {
            return;
        }
        reg.writer = writer;
        enlist(reg);
        if ((reg.applied & Poller.WRITE) == 0) {
            queueOptimistic(reg);
        } else {
            markDirty(reg);
        }
    }

    void removeReader(IReadDescriptor reader) {
        Registration reg = existing(reader);
        if (reg == null || reg.reader != reader) {
            return;
        }
        reg.reader = null;
        afterRemoval(reg);
    }

    void removeWriter(IWriteDescriptor writer) {
        Registration reg = existing(writer);
        if (reg == null || reg.writer != writer) {
            return;
        }
        reg.writer = null;
        afterRemoval(reg);
    }

    /**
     * Removes every reader and writer and returns each descriptor once. The poller's own wake-up
     * mechanism is not a descriptor here (it lives inside the {@link Poller}), so unlike Twisted's waker
     * there is no internal reader to leave out.
     */
    List<IFileDescriptor> removeAll() {
        Set<IFileDescriptor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<IFileDescriptor> removed = new ArrayList<>(registryCount);
        while (registryCount > 0) {
            Registration reg = registry[registryCount - 1];
            IReadDescriptor r = reg.reader;
            IWriteDescriptor w = reg.writer;
            reg.reader = null;
            reg.writer = null;
            afterRemoval(reg);
            if (r != null && seen.add(r)) {
                removed.add(r);
            }
            if (w != null && seen.add(w)) {
                removed.add(w);
            }
        }
        return removed;
    }

    List<IReadDescriptor> getReaders() {
        List<IReadDescriptor> out = new ArrayList<>(registryCount);
        for (int i = 0; i < registryCount; i++) {
            if (registry[i].reader != null) {
                out.add(registry[i].reader);
            }
        }
        return out;
    }

    List<IWriteDescriptor> getWriters() {
        List<IWriteDescriptor> out = new ArrayList<>(registryCount);
        for (int i = 0; i < registryCount; i++) {
            if (registry[i].writer != null) {
                out.add(registry[i].writer);
            }
        }
        return out;
    }

    // -- before each wait ---------------------------------------------------------------------------

    /**
     * Step 4 of the iteration: one optimistic {@code doWrite()} for each writer added since the last wait,
     * then the poller is told the net interest of every handle that changed.
     */
    void beforeWait() {
        int n = optimisticCount;
        for (int i = 0; i < n; i++) {
            Registration reg = optimistic[i];
            optimistic[i] = null;
            reg.queuedOptimistic = false;
            if (reg.writer == null) {
                continue;
            }
            dispatcher.dispatch(reg, Poller.WRITE);
            if (reg.writer != null) {
                // Still has data: now the poller must watch it.
                markDirty(reg);
            }
        }
        // Writers added by the optimistic writes themselves go to the poller directly; trying them too
        // could chain writes without bound.
        for (int i = n; i < optimisticCount; i++) {
            Registration reg = optimistic[i];
            optimistic[i] = null;
            reg.queuedOptimistic = false;
            markDirty(reg);
        }
        optimisticCount = 0;
        // A failed interest change disconnects the descriptor, whose connectionLost may queue more
        // changes; they are appended and handled by this same loop.
        for (int i = 0; i < dirtyCount; i++) {
            Registration reg = dirty[i];
            dirty[i] = null;
            reg.queuedDirty = false;
            if (reg.registered() && reg.wanted() != reg.applied) {
                applyInterest(reg, reg.wanted());
            }
        }
        dirtyCount = 0;
    }

    /** After this the poller is closed: bookkeeping continues, system calls stop. */
    void pollerClosed() {
        pollerClosed = true;
    }

    // -- internals ----------------------------------------------------------------------------------

    /** The registration of a handle that has readiness, or null if it is not (any longer) registered. */
    Registration registered(SelectableHandle handle) {
        if (handle.reactorSlot() instanceof Registration reg && reg.owner == this && reg.index >= 0) {
            return reg;
        }
        return null;
    }

    private static SelectableHandle handleOf(IFileDescriptor d) {
        Objects.requireNonNull(d, "descriptor");
        SelectableHandle h = d.handle();
        if (h == null) {
            throw new IllegalArgumentException("descriptor has no handle: " + d);
        }
        return h;
    }

    /** The handle's registration with this reactor, created on first use. */
    private Registration registrationFor(SelectableHandle h) {
        Object slot = h.reactorSlot();
        if (slot instanceof Registration reg) {
            if (reg.owner == this) {
                return reg;
            }
            if (reg.registered()) {
                throw new IllegalStateException("handle is registered with another reactor: " + h);
            }
        } else if (slot != null) {
            throw new IllegalStateException("handle's reactor slot holds a foreign object: " + slot);
        }
        Registration reg = new Registration(this, h);
        h.reactorSlot(reg);
        return reg;
    }

    /** The registration of a descriptor's handle with this reactor, or null. Never creates one. */
    private Registration existing(IFileDescriptor d) {
        if (d == null) {
            return null;
        }
        SelectableHandle h = d.handle();
        if (h != null && h.reactorSlot() instanceof Registration reg && reg.owner == this) {
            return reg;
        }
        return null;
    }

    private void enlist(Registration reg) {
        if (reg.index >= 0) {
            return;
        }
        if (registryCount == registry.length) {
            registry = Arrays.copyOf(registry, registryCount * 2);
        }
        reg.index = registryCount;
        registry[registryCount++] = reg;
    }

    private void delist(Registration reg) {
        int i = reg.index;
        Registration last = registry[--registryCount];
        registry[i] = last;
        last.index = i;
        registry[registryCount] = null;
        reg.index = -1;
    }

    private void afterRemoval(Registration reg) {
        if (reg.reader == null && reg.writer == null) {
            delist(reg);
            if (reg.applied != 0) {
                // At once: the caller may close the handle as soon as we return (see class comment).
                applyInterest(reg, 0);
            }
        } else {
            markDirty(reg);
        }
    }

    private void markDirty(Registration reg) {
        if (reg.queuedDirty) {
            return;
        }
        if (dirtyCount == dirty.length) {
            dirty = Arrays.copyOf(dirty, dirtyCount * 2);
        }
        reg.queuedDirty = true;
        dirty[dirtyCount++] = reg;
    }

    private void queueOptimistic(Registration reg) {
        if (reg.queuedOptimistic) {
            return;
        }
        if (optimisticCount == optimistic.length) {
            optimistic = Arrays.copyOf(optimistic, optimisticCount * 2);
        }
        reg.queuedOptimistic = true;
        optimistic[optimisticCount++] = reg;
    }

    /**
     * Gives the poller the new interest. A failure to watch a handle disconnects its descriptor with the
     * error as the reason, as an exception from {@code doRead} would; a failure to stop watching one is
     * only logged, since the descriptor is already gone from the sets.
     */
    private void applyInterest(Registration reg, int ops) {
        int before = reg.applied;
        reg.applied = ops;
        if (pollerClosed) {
            return;
        }
        try {
            poller.setInterest(reg.handle, ops);
        } catch (IOException | RuntimeException e) {
            if (ops == 0) {
                ReactorLog.error("Could not deregister " + reg.handle + " from the poller", e);
                return;
            }
            reg.applied = before;
            IFileDescriptor d = reg.reader != null ? reg.reader : reg.writer;
            ReactorLog.error("Could not register " + reg.handle + " with the poller", d, e);
            dispatcher.disconnect(d, e, false);
        }
    }
}
