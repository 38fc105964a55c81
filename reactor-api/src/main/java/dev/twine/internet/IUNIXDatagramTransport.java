package dev.twine.internet;

/**
 * A bound UNIX datagram socket as its protocol sees it (Twisted's {@code IUNIXDatagramTransport},
 * semantics.md §8.9): what {@link IReactorUNIXDatagram#listenUNIXDatagram} returns and
 * {@link DatagramProtocol#transport} holds. It is an {@link IUDPTransport} so that one
 * {@link DatagramProtocol} serves both families; {@link #getHost()} is a {@link UNIXAddress}. Reactor thread
 * only.
 *
 * <p>Writes are as a UDP port's: one {@code sendto}, never buffered; a receiver whose queue is full drops the
 * datagram ({@link #droppedDatagrams()} counts it). Unlike UDP, sending to a name where nothing is bound
 * fails at once ({@code ECONNREFUSED}, or {@code ENOENT} with no file), and {@link #write} throws it, as
 * Twisted's {@code unix.DatagramPort.write} raises it.
 */
public interface IUNIXDatagramTransport extends IUDPTransport {

    /**
     * Sends one datagram to the socket bound at {@code addr}'s name ({@link UNIXAddress#name()}; any
     * address's {@link IAddress#host()} is taken as the name).
     *
     * @return the bytes sent, or {@code 0} if dropped because the receiver's queue is full
     * @throws java.io.UncheckedIOException                 wrapping the {@link dev.twine.spi.SocketErrorException}
     *                                                      when nothing is bound there
     * @throws dev.twine.internet.error.MessageLengthError  if the datagram is too long
     * @throws dev.twine.internet.error.InvalidAddressError if {@code addr} is null on an unconnected port
     */
    @Override
    int write(byte[] datagram, IAddress addr);

    /** {@code write(datagram, new UNIXAddress(path))}. */
    default int write(byte[] datagram, String path) {
        return write(datagram, new UNIXAddress(path));
    }

    /**
     * Not for UNIX sockets: connect with {@link IReactorUNIXDatagram#connectUNIXDatagram}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default void connect(String host, int port) {
        throw new UnsupportedOperationException("a UNIX datagram port has no host and port; use connectUNIXDatagram");
    }

    /** The bound name; {@code UNIXAddress("")} for a connected port that was not bound. */
    @Override
    IAddress getHost();
}
