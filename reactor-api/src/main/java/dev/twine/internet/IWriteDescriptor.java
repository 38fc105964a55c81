package dev.twine.internet;

/** A descriptor that wants write readiness (Twisted's {@code IWriteDescriptor}). */
public interface IWriteDescriptor extends IFileDescriptor {
    /**
     * Called on the reactor thread when {@link #handle()} is writable. A writer with nothing left to write
     * must remove itself ({@link IReactorFDSet#removeWriter}); level-triggered polling would otherwise
     * call it in a busy loop.
     *
     * @return {@code null} to stay connected, or the reason to disconnect (see {@link IReadDescriptor#doRead()})
     */
    Exception doWrite();
}
