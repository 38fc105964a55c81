package dev.twine.spi;

import java.io.IOException;

/**
 * A non-blocking OS object that a {@link Poller} of the same backend can watch: a socket on every
 * backend, and on POSIX backends any file descriptor.
 *
 * <p>A handle carries no reactor state. The reactor keeps its record of a handle itself and gives the
 * poller a token for it at registration; the poller hands the token back with each event (see
 * {@link Poller}). Reactor thread only.
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
}
