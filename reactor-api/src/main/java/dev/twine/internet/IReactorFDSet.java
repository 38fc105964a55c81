package dev.twine.internet;

import dev.twine.spi.SocketProvider;
import java.util.List;

/**
 * The pluggable heart: register descriptors for readiness (Twisted's {@code IReactorFDSet}, semantics.md §1.4).
 * Level-triggered on every backend. Reactor thread only.
 *
 * <p>Descriptors are identified by their {@link IFileDescriptor#handle() handle}, which must come from
 * this reactor's {@link #sockets()} and belongs to one reactor at a time. A handle has at most one reader
 * and one writer (usually the same object); adding a different reader for a handle replaces the old one.
 *
 * <p>Adding twice is a no-op; removing something not registered is a silent no-op. After removal the
 * reactor never touches the descriptor's handle again, so it may be closed at once: removing the last
 * direction of a handle deregisters it from the poller before the call returns. Other interest changes
 * are applied just before the loop next waits, so adding and removing within one iteration is free.
 *
 * <p>Dispatch follows Twisted's {@code _doReadOrWrite}: READ runs {@code doRead()}; WRITE then runs
 * {@code doWrite()} only if the read gave no reason and the writer is still registered; a hang-up or error
 * without READ disconnects with {@code CONNECTION_DONE} (reader) or {@code CONNECTION_LOST} (writer only);
 * a returned or thrown reason removes the descriptor and calls {@code connectionLost} (or, for exactly
 * {@code ConnectionDone} from a read of an {@link IHalfCloseableDescriptor}, {@code readConnectionLost}).
 */
public interface IReactorFDSet {
    /** Watches {@code reader}'s handle for read readiness: {@code doRead()} is called while it is readable. */
    void addReader(IReadDescriptor reader);

    /**
     * Watches {@code writer}'s handle for write readiness.
     *
     * <p><b>Optimistic write.</b> A writer added since the loop last waited gets one {@code doWrite()} just
     * before the next wait, <em>before</em> the poller has said the handle is writable, because a socket
     * that was just written to almost always has room; only a writer still registered afterwards is given
     * to the poller. {@code doWrite()} must therefore cope with a handle that is not writable after all
     * (a write returning 0, a connect still in progress) by returning {@code null} and staying registered.
     */
    void addWriter(IWriteDescriptor writer);

    /** Stops watching for read readiness; a no-op if {@code reader} is not registered. */
    void removeReader(IReadDescriptor reader);

    /** Stops watching for write readiness; a no-op if {@code writer} is not registered. */
    void removeWriter(IWriteDescriptor writer);

    /**
     * Removes every reader and writer except the reactor's internal ones, and returns them once each. (The
     * wake-up mechanism lives inside the backend's poller, so no internal descriptor is registered here.)
     */
    List<IFileDescriptor> removeAll();

    /** A new list of the registered readers, in no particular order. */
    List<IReadDescriptor> getReaders();

    /** A new list of the registered writers, including ones still waiting for their optimistic write. */
    List<IWriteDescriptor> getWriters();

    /**
     * Twine addition: the socket calls of this reactor's backend. Raw descriptor code gets its handles
     * here, so the same code runs on every backend.
     */
    SocketProvider sockets();
}
