package dev.twine.internet;

/**
 * A UNIX datagram socket connected to one peer (Twisted's {@code IUNIXDatagramConnectedTransport},
 * semantics.md §8.9): what {@link IReactorUNIXDatagram#connectUNIXDatagram} returns. {@link #write(byte[])}
 * sends to the peer; a peer that has closed makes the next send fail, which calls
 * {@link DatagramProtocol#connectionRefused()} and drops the datagram. Reactor thread only.
 */
public interface IUNIXDatagramConnectedTransport extends IUNIXDatagramTransport {

    /** The peer's {@link UNIXAddress}: the name given to {@code connectUNIXDatagram}. */
    IAddress getPeer();
}
