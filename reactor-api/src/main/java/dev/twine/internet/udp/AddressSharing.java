package dev.twine.internet.udp;

/**
 * Whether a UDP {@link Port}'s address may be bound by other sockets too, set before it binds.
 *
 * <p>Threading: an immutable value.
 */
public enum AddressSharing {
    /** Twisted's {@code listenUDP}: the address is this port's alone ({@code EADDRINUSE} otherwise). */
    EXCLUSIVE,
    /**
     * Twisted's {@code listenMulticast(..., listenMultiple=True)}: {@code SO_REUSEADDR} and, where it exists,
     * {@code SO_REUSEPORT}, so that several sockets in this process or others all receive a multicast
     * group's datagrams ({@link dev.twine.spi.DatagramSocketHandle#setReuseAddress}).
     */
    MULTIPLE,
    /**
     * A {@code ReactorGroup}'s {@code listenUDP}: one socket per member on the same address, the kernel
     * spreading unicast datagrams among them by sender (semantics.md §5.2;
     * {@link dev.twine.spi.DatagramSocketHandle#shareBalanced}).
     */
    BALANCED
}
