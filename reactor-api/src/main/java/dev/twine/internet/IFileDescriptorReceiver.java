package dev.twine.internet;

/**
 * A protocol that accepts descriptors passed over a UNIX connection (Twisted's
 * {@code IFileDescriptorReceiver}, semantics.md §8.8). Each descriptor is delivered before the
 * {@code dataReceived} of the bytes it came with, in the order sent. The protocol owns every descriptor it
 * receives and must close it. A protocol that is not a receiver never gets any: its connection reads with
 * plain {@code read}, and the kernel closes descriptors sent to it. Reactor thread only.
 */
public interface IFileDescriptorReceiver {
    /** A descriptor arrived; it is close-on-exec and belongs to the protocol from now on. */
    void fileDescriptorReceived(int descriptor);
}
