package dev.twine.bench.idle;

import dev.twine.bench.Stack;
import dev.twine.bench.servers.ServerHost;
import dev.twine.bench.servers.Service;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the idle-connection measurement. Usage:
 * {@code IdleServer --reactor STACK --expect K [--timeout SECONDS] [--reactors N]} ({@code --reactors N}: a
 * Twine group or Netty group of N loops).
 *
 * <p>Starts an echo server on {@code 127.0.0.1} (port chosen by the kernel) on one event-loop
 * thread, and measures live memory ({@link HeapGauge}) three times: with no connection, with
 * {@code K/2} and with {@code K} connections open (each once the count is reached and two quiet
 * seconds have passed, so the last connections are fully registered). It prints {@code port N}
 * when listening, {@code half} after the second measurement (the probe then lets the client open
 * the rest), and finally one line:
 * {@code result stack=S connections=K heapEmpty=.. heapHalf=.. heapFull=.. directEmpty=.. directHalf=.. directFull=..}.
 * It then keeps the connections open until its standard input closes, so the client never sees a
 * reset. Exits with status 3 if the connections do not arrive in time.
 *
 * <p>The per-connection figure is the slope between {@code K/2} and {@code K}: one-time costs
 * that the first connections trigger (a pool's arenas, lazily loaded classes, caches the JDK
 * releases later) cancel out, where a difference against the empty server would fold them in,
 * or, when a soft-referenced start-up cache is released in between, even come out negative.
 */
public final class IdleServer {

    private IdleServer() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        String stack = null;
        int expect = -1;
        long timeoutSeconds = 180;
        int reactors = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--reactor" -> stack = args[i + 1];
                case "--expect" -> expect = Integer.parseInt(args[i + 1]);
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[i + 1]);
                case "--reactors" -> reactors = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (stack == null || expect < 2) {
            System.err.println("usage: IdleServer --reactor STACK --expect K [--timeout SECONDS]  (K >= 2)");
            System.exit(2);
        }
        // Backlog well above the client's connect rate so no SYN waits for a retransmit.
        ServerHost server = ServerHost.start(Stack.of(stack), Service.ECHO, "127.0.0.1", 0, 4096, reactors);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            HeapGauge empty = HeapGauge.measure();
            System.out.println("port " + server.port());
            System.out.flush();
            HeapGauge half = awaitAndMeasure(server, expect / 2, deadline);
            System.out.println("half");
            System.out.flush();
            HeapGauge full = awaitAndMeasure(server, expect, deadline);
            System.out.println(String.format(Locale.ROOT,
                    "result stack=%s%s connections=%d heapEmpty=%d heapHalf=%d heapFull=%d"
                            + " directEmpty=%d directHalf=%d directFull=%d",
                    stack, reactors == 1 ? "" : ":" + reactors, expect, empty.heapBytes(), half.heapBytes(), full.heapBytes(),
                    empty.directBytes(), half.directBytes(), full.directBytes()));
            System.out.flush();
            drain(System.in);
        } finally {
            server.close();
        }
    }

    private static HeapGauge awaitAndMeasure(ServerHost server, int count, long deadline) throws InterruptedException {
        while (server.accepted() < count) {
            if (System.nanoTime() > deadline) {
                System.out.println("failed accepted=" + server.accepted() + " expected=" + count);
                System.out.flush();
                System.exit(3);
            }
            Thread.sleep(50);
        }
        Thread.sleep(2000);
        return HeapGauge.measure();
    }

    /** Reads until end of stream: the probe closes our standard input when it is done. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[256];
        while (in.read(sink) >= 0) {
            // Nothing to do with the bytes; only the end of the stream matters.
        }
    }
}
