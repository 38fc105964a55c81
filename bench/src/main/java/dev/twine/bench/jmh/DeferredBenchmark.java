package dev.twine.bench.jmh;

import dev.twine.defer.Deferred;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 10-step callback chain on Twine's {@link Deferred} against the JDK's
 * {@link CompletableFuture}, in nanoseconds per chain. Two shapes:
 * {@code chainThenFire} adds the ten steps to an unfired result and then fires it (callbacks run
 * inside {@code callback}, like a network reply arriving); {@code fireThenChain} starts from an
 * already-fired result ({@code succeed} / {@code completedFuture}), where each step runs as it is
 * added.
 *
 * <p>Each step adds one to an {@code Integer}. Reading the result costs the Deferred one more
 * callback (it has no public result accessor, as in Twisted), where the future is read with
 * {@code getNow}. A Deferred involves no reactor, so this benchmark has no backend parameter: the
 * method name's suffix ({@code _deferred}, {@code _completableFuture}) is the implementation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DeferredBenchmark {

    private static final int STEPS = 10;
    private static final Deferred.Callback<Integer, Integer> NEXT = x -> x + 1;
    private static final Function<Integer, Integer> NEXT_FUTURE = x -> x + 1;

    private final Deferred.Callback<Integer, Integer> keep = x -> {
        this.last = x;
        return x;
    };
    private Integer last;

    @Benchmark
    public Integer chainThenFire_deferred() {
        Deferred<Integer> first = new Deferred<>();
        Deferred<Integer> d = first;
        for (int i = 0; i < STEPS; i++) {
            d = d.addCallback(NEXT);
        }
        d.addCallback(keep);
        first.callback(0);
        return last;
    }

    @Benchmark
    public Integer chainThenFire_completableFuture() {
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CompletableFuture<Integer> f = first;
        for (int i = 0; i < STEPS; i++) {
            f = f.thenApply(NEXT_FUTURE);
        }
        first.complete(0);
        return f.getNow(null);
    }

    @Benchmark
    public Integer fireThenChain_deferred() {
        Deferred<Integer> d = Deferred.succeed(0);
        for (int i = 0; i < STEPS; i++) {
            d = d.addCallback(NEXT);
        }
        d.addCallback(keep);
        return last;
    }

    @Benchmark
    public Integer fireThenChain_completableFuture() {
        CompletableFuture<Integer> f = CompletableFuture.completedFuture(0);
        for (int i = 0; i < STEPS; i++) {
            f = f.thenApply(NEXT_FUTURE);
        }
        return f.getNow(null);
    }
}
