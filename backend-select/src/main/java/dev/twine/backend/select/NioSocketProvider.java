package dev.twine.backend.select;

import dev.twine.spi.DatagramSocketHandle;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SocketProvider;
import dev.twine.spi.StreamSocketHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Opens NIO channels for the select backend. The JDK already makes them close-on-exec. SO_REUSEADDR is
 * set on listening sockets as Twisted does on POSIX (tcp.py Port.createInternetSocket), so a port can be
 * re-bound while old connections sit in TIME_WAIT.
 */
final class NioSocketProvider implements SocketProvider {

    @Override
    public StreamSocketHandle openStream(StandardProtocolFamily family) throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(family);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
        try {
            return new NioStreamSocket(ch);
        } catch (IOException e) {
            ch.close();
            throw NioErrors.translate(e);
        }
    }

    /** A {@link DatagramChannel} of the family, unbound; the JDK makes it close-on-exec. */
    @Override
    public DatagramSocketHandle openDatagram(StandardProtocolFamily family) throws IOException {
        DatagramChannel ch;
        try {
            ch = DatagramChannel.open(family);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
        try {
            return new NioDatagramSocket(ch);
        } catch (IOException e) {
            ch.close();
            throw NioErrors.translate(e);
        }
    }

    @Override
    public ListeningSocketHandle listen(InetSocketAddress local, int backlog) throws IOException {
        StandardProtocolFamily family = local.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        ServerSocketChannel ch;
        try {
            ch = ServerSocketChannel.open(family);
        } catch (IOException e) {
            throw NioErrors.translate(e);
        }
        try {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                // On Windows SO_REUSEADDR lets another process steal the port, so Twisted skips it there.
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            ch.bind(local, backlog);
            return new NioListeningSocket(ch);
        } catch (IOException e) {
            ch.close();
            throw NioErrors.translate(e);
        }
    }

    /** The JDK (16+) has {@code AF_UNIX} stream channels on every OS it supports them on (semantics.md §8). */
    @Override
    public boolean supportsUnix() {
        return true;
    }

    @Override
    public StreamSocketHandle openUnixStream() throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException | UnsupportedOperationException e) {
            throw NioErrors.translate(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        try {
            return new NioStreamSocket(ch);
        } catch (IOException e) {
            ch.close();
            throw NioErrors.translate(e);
        }
    }

    /**
     * No {@code AF_UNIX} datagram sockets here ({@link #supportsUnixDatagram()} stays false, semantics.md §8.9):
     * the JDK's {@code DatagramChannel.open(StandardProtocolFamily.UNIX)} throws
     * {@code UnsupportedOperationException}; only stream channels take a {@code UnixDomainSocketAddress}.
     */
    @Override
    public DatagramSocketHandle openUnixDatagram() throws IOException {
        throw new dev.twine.spi.SocketErrorException(dev.twine.spi.SocketError.EAFNOSUPPORT,
                "the select backend has no UNIX datagram sockets: the JDK's DatagramChannel has no AF_UNIX");
    }

    /**
     * Binds a JDK {@code UnixDomainSocketAddress}. The JDK has no abstract names ({@link #supportsAbstractUnixNames()}
     * stays false): a path with a NUL is not a {@code Path}.
     */
    @Override
    public ListeningSocketHandle listenUnix(String name, int backlog) throws IOException {
        ServerSocketChannel ch;
        try {
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException | UnsupportedOperationException e) {
            throw NioErrors.translate(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        try {
            ch.bind(NioUnix.address(name), backlog);
            return new NioListeningSocket(ch);
        } catch (IOException e) {
            ch.close();
            throw NioErrors.translate(e);
        }
    }
}
