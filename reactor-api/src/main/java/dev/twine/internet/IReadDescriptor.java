package dev.twine.internet;

/** A descriptor that wants read readiness (Twisted's {@code IReadDescriptor}). */
public interface IReadDescriptor extends IFileDescriptor {
    /**
     * Called on the reactor thread when {@link #handle()} is readable (level-triggered: again and again
     * while data remains). Read until it would block, or less.
     *
     * @return {@code null} to stay connected, or the reason to disconnect: typically
     *         {@link Main#CONNECTION_DONE} at end of stream or {@link Main#CONNECTION_LOST} on error.
     *         A thrown exception is logged and used as the reason.
     */
    Exception doRead();
}
