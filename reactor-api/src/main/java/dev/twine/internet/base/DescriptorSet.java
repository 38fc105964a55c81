package dev.twine.internet.base;

import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.spi.Poller;
import dev.twine.spi.ReactorBackend;
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
 * bookkeeping (semantics.md §1.4), and the only place that compares the interest the reactor wants with the
 * interest the poller has. Dispatch itself lives in {@link Dispatcher}.
 *
 * <p><b>Records.</b> Each registered handle has a {@link Registration} in a slot table; the poller is given
 * the record's token and hands it back with every event, so an event reaches its record with one array
 * index and a generation check ({@link #resolve}). {@code addReader}/{@code addWriter} find the record of a
 * descriptor's handle in an identity map. A record whose handle has neither reader nor writer left is
 * released and its slot reused, so after warm-up registering allocates nothing. Adding twice and removing
 * what is not registered are silent no-ops.
 *
 * <p><b>Whose handle.</b> A descriptor's handle must come from this reactor's backend; that is checked once,
 * when the handle is first registered, against {@link ReactorBackend#handleType()}, so the poller is always
 * given its own type and never casts.
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
 *
 * @param <H> the backend's handle type
 */
final class DescriptorSet<H extends SelectableHandle> {
    private final Poller<H> poller;
    private final Class<H> handleType;
    private final String backendName;
    private final Dispatcher dispatcher;
    private final IdentityHashMap<SelectableHandle, Registration<H>> byHandle = new IdentityHashMap<>();
    private Registration<H>[] slots = newArray(16);
    private int slotCount;
    private int[] freeSlots = new int[16];
    private int freeCount;
    private Registration<H>[] optimistic = newArray(16);
    private int optimisticCount;
    private Registration<H>[] dirty = newArray(16);
    private int dirtyCount;
    private boolean pollerClosed;

    DescriptorSet(ReactorBackend<H> backend, Poller<H> poller) {
        this(backend, poller, new LoopMonitor(backend.name()));
    }

    DescriptorSet(ReactorBackend<H> backend, Poller<H> poller, LoopMonitor monitor) {
        this.poller = poller;
        this.handleType = backend.handleType();
        this.backendName = backend.name();
        this.dispatcher = new Dispatcher(this, monitor);
    }

    /** The poller this set drives. */
    Poller<H> poller() {
        return poller;
    }

    /** The long-lived sink the poller reports readiness to. */
    Poller.ReadySink sink() {
        return dispatcher;
    }

    // -- IReactorFDSet ----------------------------------------------------------------------------

    void addReader(IReadDescriptor reader) {
        Registration<H> reg = registrationFor(reader);
        if (reg.reader == reader) {
            return;
        }
        reg.reader = reader;
        markDirty(reg);
    }

    void addWriter(IWriteDescriptor writer) {
        Registration<H> reg = registrationFor(writer);
        if (reg.writer == writer) {
            return;
        }
        reg.writer = writer;
        if ((reg.applied & Poller.WRITE) == 0) {
            queueOptimistic(reg);
        } else {
            markDirty(reg);
        }
    }

    void removeReader(IReadDescriptor reader) {
        Registration<H> reg = existing(reader);
        if (reg == null || reg.reader != reader) {
            return;
        }
        reg.reader = null;
        afterRemoval(reg);
    }

    void removeWriter(IWriteDescriptor writer) {
        Registration<H> reg = existing(writer);
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
        List<IFileDescriptor> removed = new ArrayList<>(byHandle.size());
        for (int i = 0; i < slotCount; i++) {
            Registration<H> reg = slots[i];
            if (!reg.inUse()) {
                continue;
            }
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
        List<IReadDescriptor> out = new ArrayList<>(byHandle.size());
        for (int i = 0; i < slotCount; i++) {
            if (slots[i].reader != null) {
                out.add(slots[i].reader);
            }
        }
        return out;
    }

    List<IWriteDescriptor> getWriters() {
        List<IWriteDescriptor> out = new ArrayList<>(byHandle.size());
        for (int i = 0; i < slotCount; i++) {
            if (slots[i].writer != null) {
                out.add(slots[i].writer);
            }
        }
        return out;
    }

    // -- before each wait ---------------------------------------------------------------------------

    /**
     * Step 4 of the iteration (semantics.md §1.1.1): one optimistic {@code doWrite()} for each writer
     * added since the last wait, then the poller is told the net interest of every handle that changed.
     */
    void beforeWait() {
        int n = optimisticCount;
        for (int i = 0; i < n; i++) {
            Registration<H> reg = optimistic[i];
            optimistic[i] = null;
            reg.queuedOptimistic = false;
            if (reg.writer == null) {
                continue;
            }
            dispatcher.dispatch(reg, Poller.WRITE, null);
            if (reg.writer != null) {
                // Still has data: now the poller must watch it.
                markDirty(reg);
            }
        }
        // Writers added by the optimistic writes themselves go to the poller directly; trying them too
        // could chain writes without bound.
        for (int i = n; i < optimisticCount; i++) {
            Registration<H> reg = optimistic[i];
            optimistic[i] = null;
            reg.queuedOptimistic = false;
            markDirty(reg);
        }
        optimisticCount = 0;
        // A failed interest change disconnects the descriptor, whose connectionLost may queue more
        // changes; they are appended and handled by this same loop.
        for (int i = 0; i < dirtyCount; i++) {
            Registration<H> reg = dirty[i];
            dirty[i] = null;
            reg.queuedDirty = false;
            if (reg.inUse() && reg.wanted() != reg.applied) {
                applyInterest(reg, reg.wanted());
            }
        }
        dirtyCount = 0;
    }

    /** After this the poller is closed: bookkeeping continues, system calls stop. */
    void pollerClosed() {
        pollerClosed = true;
    }

    // -- events -------------------------------------------------------------------------------------

    /**
     * The live registration a token names, or null if that registration has been released since the
     * poller fetched the event (the event is stale and must be dropped, semantics.md §1.4).
     */
    Registration<H> resolve(long token) {
        int slot = Registration.slotOf(token);
        if (slot < 0 || slot >= slotCount) {
            return null;
        }
        Registration<H> reg = slots[slot];
        return reg.inUse() && reg.generation == Registration.generationOf(token) ? reg : null;
    }

    // -- internals ----------------------------------------------------------------------------------

    /** The registration of a descriptor's handle, taking a slot on first use. */
    private Registration<H> registrationFor(IFileDescriptor d) {
        Objects.requireNonNull(d, "descriptor");
        SelectableHandle h = d.handle();
        if (h == null) {
            throw new IllegalArgumentException("descriptor has no handle: " + d);
        }
        Registration<H> reg = lookUp(d, h);
        if (reg != null) {
            return reg;
        }
        if (!handleType.isInstance(h)) {
            throw new IllegalArgumentException("handle " + h + " does not belong to the " + backendName
                    + " backend this reactor runs on (it needs a " + handleType.getSimpleName() + ")");
        }
        reg = takeSlot();
        reg.handle = handleType.cast(h);
        byHandle.put(h, reg);
        remember(d, reg);
        return reg;
    }

    /** The registration of a descriptor's handle, or null. Never creates one. */
    private Registration<H> existing(IFileDescriptor d) {
        if (d == null) {
            return null;
        }
        SelectableHandle h = d.handle();
        return h == null ? null : lookUp(d, h);
    }

    /**
     * The record of a registered handle, or null: from the descriptor itself when it is one of the
     * reactor's own and its remembered record still names this handle here (records are reused, so the
     * handle is compared, not just the record), else from the handle map.
     */
    @SuppressWarnings("unchecked")
    private Registration<H> lookUp(IFileDescriptor d, SelectableHandle h) {
        if (d instanceof RegisteredDescriptor rd && rd.owner == this && rd.registration.handle == h) {
            return (Registration<H>) rd.registration;
        }
        Registration<H> reg = byHandle.get(h);
        if (reg != null) {
            remember(d, reg);
        }
        return reg;
    }

    private void remember(IFileDescriptor d, Registration<H> reg) {
        if (d instanceof RegisteredDescriptor rd) {
            rd.owner = this;
            rd.registration = reg;
        }
    }

    private Registration<H> takeSlot() {
        Registration<H> reg;
        if (freeCount > 0) {
            reg = slots[freeSlots[--freeCount]];
        } else {
            if (slotCount == slots.length) {
                slots = Arrays.copyOf(slots, slotCount * 2);
            }
            reg = new Registration<>(slotCount);
            slots[slotCount++] = reg;
        }
        reg.generation = (reg.generation + 1) & Integer.MAX_VALUE;
        return reg;
    }

    /**
     * A direction was removed. With none left the poller hears of it at once (see the class comment) and
     * the slot is freed; a queued entry that still names the record is harmless, since every queue checks
     * the record's state when it gets to it.
     */
    private void afterRemoval(Registration<H> reg) {
        if (reg.reader != null || reg.writer != null) {
            markDirty(reg);
            return;
        }
        if (reg.applied != 0) {
            applyInterest(reg, 0);
        }
        byHandle.remove(reg.handle);
        reg.handle = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = reg.slot;
    }

    private void markDirty(Registration<H> reg) {
        if (reg.queuedDirty) {
            return;
        }
        if (dirtyCount == dirty.length) {
            dirty = Arrays.copyOf(dirty, dirtyCount * 2);
        }
        reg.queuedDirty = true;
        dirty[dirtyCount++] = reg;
    }

    private void queueOptimistic(Registration<H> reg) {
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
     * Gives the poller the new interest: {@code register} from nothing, {@code deregister} to nothing,
     * {@code reregister} between. A failure to watch a handle disconnects its descriptor with the error as
     * the reason, as an exception from {@code doRead} would; a failure to stop watching one is only
     * logged, since the descriptor is already gone from the sets.
     */
    private void applyInterest(Registration<H> reg, int ops) {
        int before = reg.applied;
        reg.applied = ops;
        if (pollerClosed) {
            return;
        }
        try {
            if (before == 0) {
                poller.register(reg.handle, reg.token(), ops);
            } else if (ops == 0) {
                poller.deregister(reg.handle, before);
            } else {
                poller.reregister(reg.handle, reg.token(), before, ops);
            }
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

    @SuppressWarnings("unchecked")
    private static <H extends SelectableHandle> Registration<H>[] newArray(int size) {
        return (Registration<H>[]) new Registration<?>[size];
    }
}
