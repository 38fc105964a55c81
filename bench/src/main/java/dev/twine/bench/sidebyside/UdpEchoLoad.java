package dev.twine.bench.sidebyside;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A load generator for the UDP echo server: {@code UdpEchoLoad --port P [--threads N] [--window W] [--size B]
 * [--seconds S]}. Each of {@code N} threads owns one {@code DatagramChannel} connected to 127.0.0.1:P and
 * keeps {@code W} datagrams of {@code B} bytes outstanding: every echo received is counted and replaced by a
 * new datagram. After {@code S} seconds it prints {@code datagrams=N seconds=T rate=R lost=L}.
 *
 * <p>UDP may drop datagrams (a full socket buffer on either side), and a lost datagram is never
 * retransmitted: when nothing comes back for {@value #LOSS_TIMEOUT_MILLIS} ms the thread counts its whole
 * window as lost and sends a fresh window under a new generation number. Each datagram carries its
 * generation in its first 8 bytes, so an echo that arrives after its window was written off is counted
 * neither as an echo nor twice as lost. The first echo of each thread is checked byte for byte.
 *
 * <p>side-by-side.sh runs it only with {@code --udp-loader java}: it pays a system call per datagram each
 * way and on two CPUs was the limit of the run, so the default loader is the batching C program
 * {@code bench/src/main/c/udp_echo_load.c}, with the same options and output (bench/README.md, "UDP echo").
 */
public final class UdpEchoLoad {

    /** How long a thread waits for any echo before it writes its window off as lost. */
    static final int LOSS_TIMEOUT_MILLIS = 200;

    private UdpEchoLoad() {
    }

    /** One thread's counts. */
    private record Counts(long echoed, long lost) {
    }

    public static void main(String[] args) throws Exception {
        int port = -1;
        int threads = 2;
        int window = 32;
        int size = 64;
        double seconds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--window" -> window = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0 || threads < 1 || window < 1 || size < Long.BYTES || seconds <= 0) {
            System.err.println("usage: UdpEchoLoad --port P [--threads N>=1] [--window W>=1] [--size B>=8] [--seconds S>0]");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        List<Thread> workers = new ArrayList<>();
        Counts[] counts = new Counts[threads];
        Throwable[] failures = new Throwable[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            int w = window;
            int s = size;
            Thread worker = new Thread(() -> {
                try {
                    counts[index] = run(server, w, s, deadline);
                } catch (Throwable e) {
                    failures[index] = e;
                }
            }, "udp-load-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long echoed = 0;
        long lost = 0;
        for (int t = 0; t < threads; t++) {
            if (failures[t] != null) {
                System.err.println("thread " + t + " failed: " + failures[t]);
                System.exit(1);
            }
            echoed += counts[t].echoed();
            lost += counts[t].lost();
        }
        System.out.println(String.format(Locale.ROOT, "datagrams=%d seconds=%.3f rate=%.1f lost=%d",
                echoed, elapsed, echoed / elapsed, lost));
    }

    /** One thread's loop until {@code deadline} (a {@code System.nanoTime()} value). */
    private static Counts run(InetSocketAddress server, int window, int size, long deadline) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(server);
            // The channel's socket adaptor gives a blocking receive with a timeout (DatagramSocket.setSoTimeout).
            DatagramSocket socket = channel.socket();
            socket.setSoTimeout(LOSS_TIMEOUT_MILLIS);
            byte[] payload = new byte[size];
            for (int i = Long.BYTES; i < size; i++) {
                payload[i] = (byte) ('a' + i % 26);
            }
            ByteBuffer out = ByteBuffer.wrap(payload);
            DatagramPacket in = new DatagramPacket(new byte[size + 1], size + 1);
            long generation = 0;
            long echoed = 0;
            long lost = 0;
            boolean verified = false;
            int outstanding = sendWindow(channel, out, generation, window);
            while (System.nanoTime() < deadline) {
                try {
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    lost += outstanding;
                    generation++;
                    outstanding = sendWindow(channel, out, generation, window);
                    continue;
                }
                ByteBuffer got = ByteBuffer.wrap(in.getData(), 0, in.getLength());
                if (in.getLength() != size || got.getLong(0) != generation) {
                    continue; // an echo of a window already written off as lost
                }
                if (!verified) {
                    ByteBuffer expected = ByteBuffer.wrap(payload.clone()).putLong(0, generation);
                    if (!Arrays.equals(expected.array(), Arrays.copyOf(in.getData(), size))) {
                        throw new IOException("the server's echo differs from the datagram sent");
                    }
                    verified = true;
                }
                echoed++;
                outstanding--;
                outstanding += sendWindow(channel, out, generation, 1);
            }
            return new Counts(echoed, lost);
        }
    }

    /** Sends {@code n} datagrams of generation {@code generation}; returns {@code n}. */
    private static int sendWindow(DatagramChannel channel, ByteBuffer out, long generation, int n) throws IOException {
        out.putLong(0, generation);
        for (int i = 0; i < n; i++) {
            out.clear();
            channel.write(out);
        }
        return n;
    }
}
