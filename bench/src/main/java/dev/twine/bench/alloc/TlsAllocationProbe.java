package dev.twine.bench.alloc;

import dev.twine.bench.Stack;
import dev.twine.bench.servers.ServerHost;
import dev.twine.bench.servers.Service;
import dev.twine.bench.servers.TlsFiles;
import dev.twine.bench.sidebyside.TlsEchoLoad;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * {@link ServerAllocationProbe} over TLS: what the echo server's event-loop thread allocates per message
 * once warm, with 64-byte and 16 KiB messages on 16 JDK TLS connections, so that semantics.md §4.5's
 * "nothing allocated per record" can be checked (the JDK's {@code SSLEngineResult} per call included).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.twine.bench.alloc.TlsAllocationProbe KEY.pem CERT.pem
 * [STACK ...]} (default stacks: epoll and netty-epoll); prints one line per case.
 */
public final class TlsAllocationProbe {

    private TlsAllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        TlsFiles tls = new TlsFiles(Path.of(args[0]), Path.of(args[1]));
        List<String> stacks = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("epoll", Stack.NETTY_EPOLL);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        SSLContext client = TlsEchoLoad.trusting(tls.chain());
        for (String stack : stacks) {
            for (int size : new int[] {64, 16_384}) {
                int connections = 16;
                try (ServerHost server = ServerHost.start(Stack.of(stack), Service.ECHO, "127.0.0.1", 0, 1024, tls)) {
                    SSLSocket[] sockets = new SSLSocket[connections];
                    try {
                        for (int i = 0; i < connections; i++) {
                            sockets[i] = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.port());
                            sockets[i].setTcpNoDelay(true);
                            sockets[i].setSoTimeout(10_000);
                            sockets[i].startHandshake();
                        }
                        byte[] message = new byte[size];
                        byte[] echo = new byte[size];
                        int warmup = size > 1024 ? 3_000 : 20_000;
                        int window = size > 1024 ? 1_000 : 5_000;
                        for (int i = 0; i < warmup; i++) {
                            TlsEchoLoad.round(sockets, message, echo);
                        }
                        long loop = server.eventLoopThreadId();
                        long best = Long.MAX_VALUE;
                        for (int w = 0; w < ServerAllocationProbe.WINDOWS; w++) {
                            long before = threads.getThreadAllocatedBytes(loop);
                            for (int i = 0; i < window; i++) {
                                TlsEchoLoad.round(sockets, message, echo);
                            }
                            best = Math.min(best, threads.getThreadAllocatedBytes(loop) - before);
                        }
                        System.out.printf("tls server-thread allocation: %s, %d B x %d conn: %.2f B/msg%n", stack, size,
                                connections, (double) best / ((long) window * connections));
                    } finally {
                        for (SSLSocket s : sockets) {
                            if (s != null) {
                                s.close();
                            }
                        }
                    }
                }
            }
        }
    }
}
