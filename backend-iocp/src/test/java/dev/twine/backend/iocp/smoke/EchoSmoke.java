package dev.twine.backend.iocp.smoke;

import dev.twine.defer.Failure;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Main;
import dev.twine.internet.Reactors;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.StreamSocketHandle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Twine program for {@code .ci/wine/smoke.sh}: an echo server and a client in one reactor, written
 * against {@code IReactorFDSet} with handles from {@code reactor.sockets()}, so it runs unchanged on
 * whatever backend {@code -Dtwine.reactor} names. The client connects over loopback, sends a line, and
 * stops the reactor once the echo is back. Exit status 0 on success, 1 on failure or after 30 seconds.
 */
public final class EchoSmoke {
    private static final String MESSAGE = "twine says hello over " + System.getProperty("os.name") + "\n";

    private final IReactor reactor;
    private final StringBuilder echoed = new StringBuilder();
    private String failure;

    private EchoSmoke(IReactor reactor) {
        this.reactor = reactor;
    }

    public static void main(String[] args) throws IOException {
        IReactor reactor = Reactors.newReactor();
        EchoSmoke smoke = new EchoSmoke(reactor);
        smoke.start();
        reactor.callLater(30, () -> {
            smoke.failure = "no echo after 30 seconds";
            reactor.stop();
        });
        reactor.run();
        if (smoke.failure == null && smoke.echoed.toString().equals(MESSAGE)) {
            System.out.println("echo round trip on backend " + reactor.backendName() + ": OK");
            System.exit(0);
        }
        System.out.println("echo round trip on backend " + reactor.backendName() + " FAILED: "
                + (smoke.failure != null ? smoke.failure : "got " + smoke.echoed));
        System.exit(1);
    }

    private void start() throws IOException {
        ListeningSocketHandle listener = reactor.sockets().listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        reactor.addReader(new Acceptor(listener));
        StreamSocketHandle client = reactor.sockets().openStream(StandardProtocolFamily.INET);
        Client c = new Client(client);
        if (client.connect(listener.localAddress())) {
            c.connected();
        } else {
            reactor.addWriter(c);
        }
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        reactor.stop();
    }

    /** Base for the three descriptors: a handle, a log prefix, and failure on an unexpected loss. */
    private abstract class Descriptor implements IReadDescriptor {
        final SelectableHandle handle;

        Descriptor(SelectableHandle handle) {
            this.handle = handle;
        }

        @Override
        public SelectableHandle handle() {
            return handle;
        }

        @Override
        public String logPrefix() {
            return getClass().getSimpleName();
        }

        @Override
        public void connectionLost(Failure reason) {
            close();
        }

        void close() {
            try {
                handle.close();
            } catch (IOException ignored) {
                // Closing is best effort at the end of the program.
            }
        }
    }

    private final class Acceptor extends Descriptor {
        Acceptor(ListeningSocketHandle listener) {
            super(listener);
        }

        @Override
        public Exception doRead() {
            try {
                StreamSocketHandle s = ((ListeningSocketHandle) handle).accept();
                if (s != null) {
                    reactor.addReader(new Echo(s));
                }
                return null;
            } catch (IOException e) {
                fail("accept: " + e);
                return e;
            }
        }
    }

    /** The server side: writes back what it reads (the line is tiny, so one write takes it all). */
    private final class Echo extends Descriptor {
        private final ByteBuffer buf = ByteBuffer.allocate(1024);

        Echo(StreamSocketHandle s) {
            super(s);
        }

        @Override
        public Exception doRead() {
            StreamSocketHandle s = (StreamSocketHandle) handle;
            try {
                buf.clear();
                int n = s.read(buf);
                if (n < 0) {
                    return Main.CONNECTION_DONE;
                }
                buf.flip();
                // One short line into an idle socket's empty send buffer: a single write takes it all.
                s.write(buf);
                if (buf.hasRemaining()) {
                    fail("short echo write");
                }
                return null;
            } catch (IOException e) {
                return e;
            }
        }
    }

    private final class Client extends Descriptor implements IWriteDescriptor {
        private final ByteBuffer in = ByteBuffer.allocate(1024);

        Client(StreamSocketHandle s) {
            super(s);
        }

        @Override
        public Exception doWrite() {
            try {
                if (((StreamSocketHandle) handle).finishConnect()) {
                    reactor.removeWriter(this);
                    connected();
                }
                return null;
            } catch (IOException e) {
                fail("connect: " + e);
                return e;
            }
        }

        void connected() throws IOException {
            ByteBuffer out = ByteBuffer.wrap(MESSAGE.getBytes(StandardCharsets.US_ASCII));
            ((StreamSocketHandle) handle).write(out);
            if (out.hasRemaining()) {
                fail("short write of the first line");
            }
            reactor.addReader(this);
        }

        @Override
        public Exception doRead() {
            try {
                int n = ((StreamSocketHandle) handle).read(in);
                if (n < 0) {
                    fail("server closed before echoing");
                    return Main.CONNECTION_DONE;
                }
                echoed.setLength(0);
                echoed.append(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                if (echoed.toString().equals(MESSAGE)) {
                    reactor.stop();
                }
                return null;
            } catch (IOException e) {
                fail("read: " + e);
                return e;
            }
        }
    }
}
