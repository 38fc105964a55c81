package dev.twine.bench.idle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of the idle-connection measurement. Usage:
 * {@code IdleClient --port P --count K [--sources 127.0.0.2,127.0.0.3,...]}.
 *
 * <p>Opens {@code K/2} blocking connections to {@code 127.0.0.1:P}, prints {@code connected K/2},
 * waits for a line on its standard input (the probe sends one once the server has measured), opens
 * the rest, prints {@code connected K}, and holds them all, idle, until its standard input closes.
 * Each connection is bound to the next source address in turn (all of {@code 127.0.0.0/8} is
 * loopback on Linux) so no single address runs short of ephemeral ports. One connection at a time
 * keeps the server's accept queue short; a failed connect is reported and ends the process with
 * status 3.
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
        if (port <= 0 || count < 2) {
            System.err.println("usage: IdleClient --port P --count K [--sources A,B,...]  (K >= 2)");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        BufferedReader control = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<SocketChannel> open = new ArrayList<>(count);
        connect(open, count / 2, server, sources);
        System.out.println("connected " + open.size());
        System.out.flush();
        if (control.readLine() == null) {
            return;
        }
        connect(open, count, server, sources);
        System.out.println("connected " + open.size());
        System.out.flush();
        while (control.readLine() != null) {
            // Held open until the probe closes our standard input.
        }
        for (SocketChannel ch : open) {
            ch.close();
        }
    }

    private static void connect(List<SocketChannel> open, int upTo, InetSocketAddress server, String[] sources)
            throws IOException {
        while (open.size() < upTo) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.bind(new InetSocketAddress(sources[open.size() % sources.length], 0));
                ch.connect(server);
            } catch (IOException e) {
                System.out.println("failed after " + open.size() + " connections: " + e);
                System.out.flush();
                System.exit(3);
            }
            open.add(ch);
        }
    }
}
