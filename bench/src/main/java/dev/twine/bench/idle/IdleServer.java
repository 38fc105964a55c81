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
 * {@code IdleServer --reactor STACK --expect K [--timeout SECONDS]}.
 *
 * <p>Starts an echo server on {@code 127.0.0.1}, port chosen by the kernel, on one event-loop
 * thread, measures live memory ({@link HeapGauge}), prints {@code port N}, waits until {@code K}
 * connections have been accepted and two more seconds have passed (so the last ones are fully
 * registered), measures again, and prints one result line:
 * {@code result stack=S connections=K heapBefore=B heapAfter=A directBefore=D directAfter=E}.
 * It then keeps the connections open until its standard input closes, so the client is never
 * the one to see a reset. Exits with status 3 if the connections do not all arrive in time.
 */
public final class IdleServer {

    private IdleServer() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        String stack = null;
        int expect = -1;
        long timeoutSeconds = 180;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--reactor" -> stack = args[i + 1];
                case "--expect" -> expect = Integer.parseInt(args[i + 1]);
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (stack == null || expect <= 0) {
            System.err.println("usage: IdleServer --reactor STACK --expect K [--timeout SECONDS]");
            System.exit(2);
        }
        // Backlog well above the client's connect rate so no SYN waits for a retransmit.
        ServerHost server = ServerHost.start(Stack.of(stack), Service.ECHO, "127.0.0.1", 0, 4096);
        try {
            HeapGauge before = HeapGauge.measure();
            System.out.println("port " + server.port());
            System.out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (server.accepted() < expect) {
                if (System.nanoTime() > deadline) {
                    System.out.println("failed accepted=" + server.accepted() + " expected=" + expect);
                    System.out.flush();
                    System.exit(3);
                }
                Thread.sleep(50);
            }
            Thread.sleep(2000);
            HeapGauge after = HeapGauge.measure();
            System.out.println(String.format(Locale.ROOT,
                    "result stack=%s connections=%d heapBefore=%d heapAfter=%d directBefore=%d directAfter=%d",
                    stack, server.accepted(), before.heapBytes(), after.heapBytes(),
                    before.directBytes(), after.directBytes()));
            System.out.flush();
            drain(System.in);
        } finally {
            server.close();
        }
    }

    /** Reads until end of stream: the probe closes our standard input when it is done. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[256];
        while (in.read(sink) >= 0) {
            // Nothing to do with the bytes; only the end of the stream matters.
        }
    }
}
