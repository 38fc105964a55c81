package dev.twine.backend.kqueue;

import dev.twine.nativeio.posix.PosixHandle;
import dev.twine.nativeio.posix.PosixListeningSocket;
import dev.twine.nativeio.posix.PosixSocketProvider;
import dev.twine.nativeio.posix.PosixStreamSocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.ArrayList;
import java.util.List;

/** Test support: real TCP sockets on 127.0.0.1 from a backend's provider, all closed at the end. */
final class LoopbackSockets implements AutoCloseable {

    static final long PATIENCE_NANOS = 20_000_000_000L;

    private final PosixSocketProvider provider;
    private final List<PosixHandle> opened = new ArrayList<>();

    LoopbackSockets(PosixSocketProvider provider) {
        this.provider = provider;
    }

    PosixListeningSocket listen() throws IOException {
        PosixListeningSocket listener = provider.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        opened.add(listener);
        return listener;
    }

    PosixStreamSocket open() throws IOException {
        PosixStreamSocket socket = provider.openStream(StandardProtocolFamily.INET);
        opened.add(socket);
        return socket;
    }

    /** A connected pair: [0] the connecting side, [1] the accepted side. */
    PosixStreamSocket[] pair() throws IOException, InterruptedException {
        PosixListeningSocket listener = listen();
        PosixStreamSocket client = open();
        boolean connected = client.connect(listener.localAddress());
        PosixStreamSocket server = null;
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (server == null || !connected) {
            if (server == null) {
                server = (PosixStreamSocket) listener.accept();
            }
            if (!connected) {
                connected = client.finishConnect();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("loopback connection did not complete");
            }
            if (server == null || !connected) {
                Thread.sleep(1);
            }
        }
        opened.add(server);
        listener.close();
        return new PosixStreamSocket[] {client, server};
    }

    @Override
    public void close() {
        for (PosixHandle handle : opened) {
            handle.close();
        }
        opened.clear();
    }
}
