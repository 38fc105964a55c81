package dev.twine.bench.jmh;

import dev.twine.bench.Stack;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Timers, {@value #TIMERS} per operation, scores in nanoseconds per timer:
 * {@code scheduleAndFire} schedules them with delays scattered over a millisecond and waits until
 * all have run; {@code scheduleAndCancel} schedules them a minute ahead and cancels every one.
 *
 * <p>{@code scheduler}: Twine's {@code callLater} on a reactor of each backend ({@code select},
 * {@code epoll}; the timer heap is shared code, the backend only decides how the loop sleeps),
 * Netty's {@code EventLoop.schedule} on {@code netty-nio} and {@code netty-epoll}, and Netty's
 * {@code HashedWheelTimer} as {@code netty-wheel}. The fire case includes the wait for the last
 * deadline (under 1 ms, plus up to one 1 ms tick for the wheel), the same for every scheduler.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimerBenchmark {

    /** Timers per operation (10^5, as issue 5 asks). */
    public static final int TIMERS = 100_000;

    @Param({"select", "epoll", "netty-nio", "netty-epoll", "netty-wheel"})
    public String scheduler;

    private TimerDriver driver;

    @Setup(Level.Trial)
    public void start() {
        if ("netty-wheel".equals(scheduler)) {
            driver = new NettyWheelTimers();
            return;
        }
        Stack stack = Availability.require(scheduler);
        driver = stack.isNetty() ? new NettyLoopTimers(stack) : new TwineTimers(stack);
    }

    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public void scheduleAndFire() throws InterruptedException {
        driver.scheduleAndFire(TIMERS);
    }

    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public void scheduleAndCancel() throws InterruptedException {
        driver.scheduleAndCancel(TIMERS);
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (driver != null) {
            driver.close();
        }
    }
}
