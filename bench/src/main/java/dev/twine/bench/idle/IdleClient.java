package dev.twine.bench.idle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of the idle-connection measurement. Usage:
 * {@code IdleClient --port P --count K [--sources 127.0.0.2,127.0.0.3,...]}.
 *
 * <p>Opens {@code K} blocking connections to {@code 127.0.0.1:P}, binding each to the next source
 * address in turn (all of {@code 127.0.0.0/8} is loopback on Linux), prints
 * {@code connected K}, and holds them, idle, until its standard input closes. One connection at a
 * time keeps the server's accept queue short; a failed connect is reported and ends the process
 * with status 3.
 */
public final class IdleClient {

    private IdleClient() {
    }

    public static void main(String[] args) throws IOException {
        int port = -1;
        int count = -1;
        String[] sources = {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"};
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--sources" -> sources = args[i + 1].split(",");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0 || count <= 0) {
            System.err.println("usage: IdleClient --port P --count K [--sources A,B,...]");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        List<SocketChannel> open = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.bind(new InetSocketAddress(sources[i % sources.length], 0));
                ch.connect(server);
            } catch (IOException e) {
                System.out.println("failed after " + i + " connections: " + e);
                System.out.flush();
                System.exit(3);
            }
            open.add(ch);
        }
        System.out.println("connected " + open.size());
        System.out.flush();
        byte[] sink = new byte[256];
        while (System.in.read(sink) >= 0) {
            // Held open until the probe closes our standard input.
        }
        for (SocketChannel ch : open) {
            ch.close();
        }
    }
}
