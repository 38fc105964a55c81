package dev.twine.internet.tcp;

import dev.twine.internet.IAddress;
import dev.twine.internet.IFileDescriptorReceiver;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IReactor;
import dev.twine.internet.IUNIXTransport;
import dev.twine.internet.PeerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The shared stream transport over an {@code AF_UNIX} socket (semantics.md §8): {@link Connection} itself,
 * with what only UNIX sockets add ({@link IUNIXTransport}). {@code listenUNIX}'s accepted connections and
 * {@code connectUNIX}'s connection are of this class. Reactor thread only.
 */
public final class UnixConnection extends Connection implements IUNIXTransport {

    UnixConnection(IReactor reactor, TcpContext context, dev.twine.spi.StreamSocketHandle socket,
            IProtocol protocol, IAddress peer, IAddress host, String logstr, Connector connector) {
        super(reactor, context, socket, protocol, peer, host, logstr, connector);
    }

    /** Descriptors {@link #sendFileDescriptor} queued, oldest first, each waiting for a byte to ride on. */
    private final ArrayDeque<Integer> pendingDescriptors = new ArrayDeque<>();

    @Override
    public void sendFileDescriptor(int descriptor) {
        if (!socket().passesDescriptors()) {
            throw new UnsupportedOperationException("this backend cannot pass descriptors (semantics.md §8.8): "
                    + socket());
        }
        if (descriptor < 0) {
            throw new IllegalArgumentException("not a descriptor: " + descriptor);
        }
        pendingDescriptors.addLast(descriptor);
        wantToWrite();
    }

    /** Descriptors queued and not sent yet (each needs one byte written after it). */
    public int pendingDescriptorCount() {
        return pendingDescriptors.size();
    }

    @Override
    boolean sendQueuedDescriptors() throws IOException {
        while (!pendingDescriptors.isEmpty() && !outbound().isEmpty()) {
            if (outbound().writeOneWithDescriptor(socket(), pendingDescriptors.peekFirst()) == 0) {
                return false;
            }
            pendingDescriptors.removeFirst();
        }
        return true;
    }

    /**
     * A protocol that is an {@link IFileDescriptorReceiver} reads with {@code recvmsg} and gets each descriptor
     * before the bytes it came with; any other reads plainly, and the kernel closes what was sent to it.
     */
    @Override
    int readInto(ByteBuffer buffer) throws IOException {
        if (protocol() instanceof IFileDescriptorReceiver receiver && socket().passesDescriptors()) {
            return socket().readWithDescriptors(buffer, receiver::fileDescriptorReceived);
        }
        return super.readInto(buffer);
    }

    @Override
    public PeerCredentials getPeerCredentials() {
        try {
            return socket().peerCredentials();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
