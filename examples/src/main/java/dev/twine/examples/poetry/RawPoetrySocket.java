package dev.twine.examples.poetry;

import dev.twine.defer.Failure;
import dev.twine.examples.HostPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Main;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.SocketErrorException;
import dev.twine.spi.StreamSocketHandle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;

/**
 * One download at the reactor's lowest level, as in the tutorial's first client: a non-blocking socket
 * from {@code reactor.sockets()}, registered with {@code addWriter} until the connect completes and then
 * with {@code addReader}; {@link #doRead()} reads until the socket would block and returns
 * {@link Main#CONNECTION_DONE} at end of stream or {@link Main#CONNECTION_LOST} on an error, after which
 * the reactor calls {@link #connectionLost(Failure)}.
 *
 * <p>No Protocol, Factory or transport is involved; the same code runs on every backend because the
 * socket comes from the reactor's own {@link dev.twine.spi.SocketProvider}.
 *
 * <p>Threading: reactor thread only.
 */
final class RawPoetrySocket implements IReadDescriptor, IWriteDescriptor {
    private final IReactor reactor;
    private final int task;
    private final HostPort address;
    private final PoetryReport report;
    private final ByteArrayOutputStream poem = new ByteArrayOutputStream();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private StreamSocketHandle socket;
    private String peer;
    private boolean connected;

    RawPoetrySocket(IReactor reactor, int task, HostPort address, PoetryReport report) {
        this.reactor = reactor;
        this.task = task;
        this.address = address;
        this.report = report;
    }

    /** Opens the socket and starts connecting; the outcome is reported on later iterations. */
    void start() {
        InetSocketAddress remote;
        try {
            remote = new InetSocketAddress(java.net.InetAddress.getByName(address.host()), address.port());
            StandardProtocolFamily family = remote.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
            socket = reactor.sockets().openStream(family);
            peer = HostPort.format(remote.getAddress().getHostAddress(), remote.getPort());
            if (socket.connect(remote)) {
                connected();
            } else {
                // In progress: the socket turns writable when the connect has succeeded or failed.
                reactor.addWriter(this);
            }
        } catch (IOException e) {
            failToConnect();
        }
    }

    private void connected() {
        connected = true;
        reactor.addReader(this);
    }

    private void failToConnect() {
        closeSocket();
        report.failedToConnect(task, address.asAddress());
    }

    /** The connect finished (or failed): switch from write interest to read interest. */
    @Override
    public Exception doWrite() {
        reactor.removeWriter(this);
        try {
            if (socket.finishConnect()) {
                connected();
            } else {
                reactor.addWriter(this);
            }
        } catch (IOException e) {
            failToConnect();
        }
        return null;
    }

    /** Reads everything available, reporting it as one chunk, as the tutorial's client does. */
    @Override
    public Exception doRead() {
        int got = 0;
        Exception reason = null;
        try {
            while (true) {
                readBuffer.clear();
                int n = socket.read(readBuffer);
                if (n == 0) {
                    break; // would block: wait for the next readiness event
                }
                if (n < 0) {
                    reason = Main.CONNECTION_DONE;
                    break;
                }
                poem.write(readBuffer.array(), 0, n);
                got += n;
            }
        } catch (SocketErrorException e) {
            reason = Main.CONNECTION_LOST;
        } catch (IOException e) {
            reason = Main.CONNECTION_LOST;
        }
        if (got > 0) {
            report.chunk(task, got, peer);
        }
        return reason;
    }

    /** Called by the reactor after {@link #doRead()} returned a reason (or at shutdown). */
    @Override
    public void connectionLost(Failure reason) {
        closeSocket();
        if (!connected) {
            report.failedToConnect(task, address.asAddress());
        } else if (reason.check(dev.twine.internet.error.ConnectionDone.class) != null) {
            report.poem(task, poem.toByteArray());
        } else {
            report.failed(task, reason.getErrorMessage());
        }
    }

    private void closeSocket() {
        if (socket == null) {
            return;
        }
        reactor.removeReader(this);
        reactor.removeWriter(this);
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket we are done with: nothing useful to do about a failure.
        }
    }

    @Override
    public SelectableHandle handle() {
        return socket;
    }

    @Override
    public String logPrefix() {
        return "RawPoetrySocket[task " + task + "]";
    }
}
