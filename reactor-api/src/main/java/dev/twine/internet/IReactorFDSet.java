package dev.twine.internet;

import dev.twine.spi.SocketProvider;
import java.util.List;

/**
 * The pluggable heart: register descriptors for readiness (Twisted's {@code IReactorFDSet}, §1.4).
 * Level-triggered on every backend. Reactor thread only.
 *
 * <p>Adding twice is a no-op; removing something not registered is a silent no-op. After removal the
 * reactor never touches the descriptor's handle again, so it may be closed at once.
 */
public interface IReactorFDSet {
    void addReader(IReadDescriptor reader);

    void addWriter(IWriteDescriptor writer);

    void removeReader(IReadDescriptor reader);

    void removeWriter(IWriteDescriptor writer);

    /**
     * Removes every reader and writer except the reactor's internal ones, and returns them once each.
     */
    List<IFileDescriptor> removeAll();

    List<IReadDescriptor> getReaders();

    List<IWriteDescriptor> getWriters();

    /**
     * Twine addition: the socket calls of this reactor's backend. Raw descriptor code gets its handles
     * here, so the same code runs on every backend.
     */
    SocketProvider sockets();
}
