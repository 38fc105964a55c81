package dev.twine.bench.sidebyside;

import dev.twine.bench.jmh.EchoClient;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A load generator for the echo server: {@code EchoLoad --port P [--connections C] [--size B]
 * [--seconds S]}. Sends one {@code B}-byte message on each of {@code C} connections and waits for
 * every echo, over and over for {@code S} seconds (the same round as the JMH echo benchmark), then
 * prints {@code messages=N seconds=T rate=R}. The first round checks the echoed bytes.
 */
public final class EchoLoad {

    private EchoLoad() {
    }

    public static void main(String[] args) throws IOException {
        int port = -1;
        int connections = 16;
        int size = 64;
        double seconds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0) {
            System.err.println("usage: EchoLoad --port P [--connections C] [--size B] [--seconds S]");
            System.exit(2);
        }
        try (EchoClient client = new EchoClient(port, connections, size)) {
            client.verify();
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
            long rounds = 0;
            long now;
            do {
                client.roundTrip();
                rounds++;
                now = System.nanoTime();
            } while (now < deadline);
            double elapsed = (now - start) / 1e9;
            long messages = rounds * connections;
            System.out.println(String.format(Locale.ROOT, "messages=%d seconds=%.3f rate=%.1f",
                    messages, elapsed, messages / elapsed));
        }
    }
}
