package dev.twine.bench.jmh;

import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.group.StallDetector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What the stall detector costs the loop (semantics.md §5.4): one empty loop pass ({@code iterate(0)}: thread
 * calls, timers, a poll that returns at once) with the detector watching the reactor and without, beside
 * {@code System.nanoTime()} alone, the one clock read per pass that the loop pays whether or not a
 * detector watches. The detector's watchdog samples from its own thread every quarter of the threshold
 * (here 10 ms: 2.5 ms), so {@code detector=on} and {@code off} should not differ beyond noise; the pass's
 * share of the clock read is {@code nanoTime / pass}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LoopPassBenchmark {

    @Param({"epoll", "select"})
    public String stack;

    @Param({"off", "on"})
    public String detector;

    private ReactorBase reactor;
    private StallDetector watching;

    @Setup
    public void setUp() {
        reactor = (ReactorBase) Availability.require(stack).newReactor();
        if (detector.equals("on")) {
            watching = StallDetector.start(Duration.ofMillis(10), List.of(reactor));
        }
    }

    @TearDown
    public void tearDown() {
        if (watching != null) {
            watching.close();
        }
        reactor.close();
    }

    /** One empty pass of the loop. */
    @Benchmark
    public void pass() {
        reactor.iterate(0);
    }

    /** The clock read a pass takes for the stall detector, alone. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
