package dev.twine.internet.base;

/**
 * The base of the reactor's own descriptors (the TCP transport, listening port and connect attempt): it
 * remembers the reactor's record for the descriptor's handle, so {@code addWriter} on every write and
 * {@code removeWriter} on every drain find the record with a field read instead of a probe of the
 * reactor's handle map. The record is reactor state kept on the reactor's own objects; SPI handles carry
 * none. It is only a cache: the reactor checks that it still names this descriptor's handle in this
 * reactor, and falls back to the map (which any other {@code IFileDescriptor} always uses).
 *
 * <p>It has no members a subclass or user can reach. Reactor thread only.
 */
public abstract class RegisteredDescriptor {
    /** The descriptor set that filled {@link #registration}, or null. */
    DescriptorSet<?> owner;
    /** That set's record for this descriptor's handle when it was last looked up. */
    Registration<?> registration;

    /** For subclasses only. */
    protected RegisteredDescriptor() {
    }
}
