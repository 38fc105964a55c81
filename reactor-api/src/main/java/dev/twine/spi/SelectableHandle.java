package dev.twine.spi;

import java.io.IOException;

/**
 * A non-blocking OS object that a {@link Poller} of the same backend can watch: a socket on every
 * backend, and on POSIX backends a file descriptor.
 *
 * <p>The reactor keeps its per-handle bookkeeping in {@link #reactorSlot()} so that dispatching an event
 * costs no map lookup. Only the reactor writes the slot, on its own thread.
 */
public interface SelectableHandle {

    /** The OS file descriptor, or {@code -1} where the backend has none (NIO) or after close. */
    int fileno();

    /** True until {@link #close()} was called. */
    boolean isOpen();

    /**
     * Closes the OS object. The reactor deregisters it from its poller first. Idempotent.
     */
    void close() throws IOException;

    /** The reactor's bookkeeping for this handle, or {@code null}. Reactor thread only. */
    Object reactorSlot();

    /** Sets the reactor's bookkeeping for this handle. Reactor thread only. */
    void reactorSlot(Object slot);
}
