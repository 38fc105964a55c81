package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReadDescriptor;
import dev.twine.internet.IWriteDescriptor;
import dev.twine.internet.Main;
import dev.twine.internet.error.ConnectionDone;
import dev.twine.internet.error.ConnectionLost;
import dev.twine.spi.ListeningSocketHandle;
import dev.twine.spi.SelectableHandle;
import dev.twine.spi.StreamSocketHandle;
import dev.twine.tck.BackgroundReactor;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorPairTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Raw descriptors across backends: a server written against {@code IReactorFDSet} on one backend (on a
 * background thread) sends 256 KiB to the raw client on another, and both sides end cleanly.
 */
class RawDescriptorPairTest {
    private static final int PAYLOAD = 256 * 1024;

    @ReactorPairTest
    void rawServerOnOneBackendSendsEveryByteToARawClientOnAnother(ReactorBuilder server, ReactorBuilder client)
            throws Exception {
        byte[] payload = new byte[PAYLOAD];
        new Random(11).nextBytes(payload);
        CRC32 expected = new CRC32();
        expected.update(payload);

        IReactor serverReactor = server.buildReactor();
        Acceptor acceptor = new Acceptor(serverReactor, payload);
        InetSocketAddress address = acceptor.listener.localAddress();
        BackgroundReactor bg = server.runReactorInBackground(serverReactor, 60);

        IReactor clientReactor = client.buildReactor();
        RawStreamClient raw = new RawStreamClient(clientReactor);
        raw.connect(address);
        client.runReactor(clientReactor, 60);

        int sent = bg.call(() -> acceptor.sent);
        bg.stopAndJoin();
        assertSame(ConnectionDone.class, raw.reason.type(), raw.reason.toString());
        assertEquals(PAYLOAD, raw.received);
        assertEquals(expected.getValue(), raw.checksum());
        assertEquals(PAYLOAD, sent);
        assertTrue(acceptor.lost instanceof ConnectionLost, "the listener was disconnected by shutdown");
    }

    /** Accepts connections and gives each a {@link Sender}. Server reactor thread only. */
    private static final class Acceptor implements IReadDescriptor {
        final IReactor reactor;
        final ListeningSocketHandle listener;
        final byte[] payload;
        int sent;
        Throwable lost;

        Acceptor(IReactor reactor, byte[] payload) throws IOException {
            this.reactor = reactor;
            this.payload = payload;
            this.listener = reactor.sockets().listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 5);
            reactor.addReader(this);
        }

        @Override
        public Exception doRead() {
            try {
                StreamSocketHandle s;
                while ((s = listener.accept()) != null) {
                    reactor.addWriter(new Sender(this, s));
                }
                return null;
            } catch (IOException e) {
                return e;
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason.value();
            try {
                listener.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SelectableHandle handle() {
            return listener;
        }

        @Override
        public String logPrefix() {
            return "Acceptor";
        }
    }

    /** Writes the payload, then closes. Server reactor thread only. */
    private static final class Sender implements IWriteDescriptor {
        final Acceptor acceptor;
        final StreamSocketHandle socket;
        final ByteBuffer out;

        Sender(Acceptor acceptor, StreamSocketHandle socket) {
            this.acceptor = acceptor;
            this.socket = socket;
            this.out = ByteBuffer.wrap(acceptor.payload);
        }

        @Override
        public Exception doWrite() {
            try {
                while (out.hasRemaining()) {
                    int n = socket.write(out);
                    if (n == 0) {
                        return null; // full: wait for write readiness
                    }
                    acceptor.sent += n;
                }
                return Main.CONNECTION_DONE; // all written: the reactor removes us and calls connectionLost
            } catch (IOException e) {
                return Main.CONNECTION_LOST;
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            try {
                socket.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SelectableHandle handle() {
            return socket;
        }

        @Override
        public String logPrefix() {
            return "Sender";
        }
    }
}
