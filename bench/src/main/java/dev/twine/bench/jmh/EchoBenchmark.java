package dev.twine.bench.jmh;

import dev.twine.bench.servers.ServerHost;
import dev.twine.bench.servers.Service;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loopback echo: an echo server on each stack, a blocking JDK client in the benchmark thread
 * (see {@link EchoClient}). One operation is one round: a {@code size}-byte message on each of
 * {@code connections} connections, all echoed back in full. Messages per second are
 * {@code ops/s × connections}; with {@code -prof gc}, allocation per message is
 * {@code gc.alloc.rate.norm / connections}.
 *
 * <p>The server runs one event-loop thread (Twine's reactor, or a one-thread Netty group), so on a
 * two-core machine server and client each get a core. Throughput gives round trips per second;
 * SampleTime gives the latency distribution of a round (its percentiles are in the report).
 *
 * <p>{@code stack}: Twine backends by name ({@code select}, {@code epoll}), Netty's transports as
 * {@code netty-nio} and {@code netty-epoll}; all in the same run, so ratios are like for like.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EchoBenchmark {

    @Param({"select", "epoll", "netty-nio", "netty-epoll"})
    public String stack;

    @Param({"64", "16384"})
    public int size;

    @Param({"1", "16", "256"})
    public int connections;

    private ServerHost server;
    private EchoClient client;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = ServerHost.start(Availability.require(stack), Service.ECHO, "127.0.0.1", 0, 1024);
        try {
            client = new EchoClient(server.port(), connections, size);
            client.verify();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    @Benchmark
    public long roundTrip() throws IOException {
        return client.roundTrip();
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
