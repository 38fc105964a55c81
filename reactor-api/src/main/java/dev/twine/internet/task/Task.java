package dev.twine.internet.task;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore;
import dev.twine.internet.IReactorTime;
import dev.twine.internet.Reactors;
import dev.twine.internet.error.ReactorNotRunning;

import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Twisted's module-level helpers from {@code twisted.internet.task} (semantics.md §1.13, semantics.md §3.14 and
 * semantics.md §3.15): {@code deferLater}, the global cooperator's {@code cooperate} and {@code coiterate}, and
 * {@code react}.
 */
public final class Task {
    private static final System.Logger LOG = System.getLogger(Task.class.getName());
    private static Cooperator theCooperator;

    private Task() {
    }

    /**
     * What {@link #react} runs: it gets the reactor and the arguments and returns a Deferred whose end ends
     * the program.
     */
    @FunctionalInterface
    public interface Main<R> {
        Deferred<?> main(R reactor, List<String> argv) throws Exception;
    }

    /** The process-wide cooperator, on {@link Reactors#reactor()} (Twisted's {@code _theCooperator}). */
    public static synchronized Cooperator cooperator() {
        if (theCooperator == null) {
            theCooperator = new Cooperator(Reactors.reactor());
        }
        return theCooperator;
    }

    /** {@link Cooperator#cooperate} on the process-wide cooperator. Reactor thread only. */
    public static <I extends Iterator<?>> CooperativeTask<I> cooperate(I iterator) {
        return cooperator().cooperate(iterator);
    }

    /** {@link Cooperator#coiterate} on the process-wide cooperator. Reactor thread only. */
    public static <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
        return cooperator().coiterate(iterator);
    }

    /**
     * Runs {@code main} on the default reactor until its Deferred fires, then exits the JVM with the
     * status {@link #react(IReactorCore, Main, List)} returns (Twisted's {@code task.react}, which ends with
     * {@code sys.exit}).
     */
    public static void react(Main<IReactor> main, List<String> argv) {
        System.exit(react(Reactors.reactor(), main, argv));
    }

    /**
     * Calls {@code main(reactor, argv)}, runs the reactor until the Deferred it returns has fired, and
     * returns the exit status (Twisted's {@code task.react}, semantics.md §3.15):
     * <ul>
     *   <li>0 on success; on failure, the {@link SystemExit#code()} of a {@link SystemExit}, otherwise 1
     *       after logging the failure ("main function encountered error"). {@code main} throwing counts as
     *       its Deferred failing.</li>
     *   <li>The reactor is stopped exactly once, from a {@code callWhenRunning} call, so a Deferred that
     *       fires before the reactor runs still stops it cleanly; if the reactor is already shutting down
     *       (someone else stopped it), it is not stopped again.</li>
     * </ul>
     * Call it on the thread that is to run the reactor, with the reactor not yet running.
     */
    public static <R extends IReactorCore> int react(R reactor, Main<? super R> main, List<String> argv) {
        Deferred<?> finished = Deferred.maybeDeferred(() -> main.main(reactor, List.copyOf(argv)));
        int[] code = {0};
        boolean[] stopping = {false};
        reactor.addSystemEventTrigger(IReactorCore.Phase.BEFORE, "shutdown", () -> {
            stopping[0] = true;
        });
        finished.addBoth(result -> {
            Runnable stop = () -> {
                if (result instanceof Failure f) {
                    if (f.value() instanceof SystemExit exit) {
                        code[0] = exit.code();
                    } else {
                        LOG.log(Level.ERROR, "main function encountered error\n{0}", f.getTraceback());
                        code[0] = 1;
                    }
                }
            };
            if (stopping[0]) {
                stop.run();
            } else {
                reactor.callWhenRunning(() -> {
                    try {
                        reactor.stop();
                    } catch (ReactorNotRunning e) {
                        // Stopped meanwhile by someone else: that stop ends run() just as well.
                    }
                    stop.run();
                });
            }
            return null;
        });
        reactor.run();
        return code[0];
    }

    /**
     * A Deferred that fires with {@code f}'s result {@code delay} seconds from now on {@code clock}
     * ({@code f} runs then, on the clock's thread). If {@code f} throws, the Deferred errbacks; if it
     * returns a Deferred, that one's result is awaited. Cancelling the Deferred before then cancels the
     * scheduled call, and the Deferred errbacks with {@link dev.twine.defer.CancelledError}.
     *
     * @throws IllegalArgumentException for a delay the clock rejects (NaN, infinite, negative)
     */
    public static <T> Deferred<T> deferLater(IReactorTime clock, double delay, Callable<? extends T> f) {
        Objects.requireNonNull(f, "f");
        return schedule(clock, delay, f);
    }

    /** A Deferred that fires with {@code null} after {@code delay} seconds; see {@link #deferLater}. */
    public static Deferred<Void> deferLater(IReactorTime clock, double delay) {
        return schedule(clock, delay, null);
    }

    private static <T> Deferred<T> schedule(IReactorTime clock, double delay, Callable<? extends T> f) {
        IDelayedCall[] call = new IDelayedCall[1];
        // The canceller stops the timer; it does not fire the Deferred, so cancel() then errbacks it with
        // CancelledError (task.py deferLater).
        Deferred<Object> d = new Deferred<>(ignored -> call[0].cancel());
        Deferred<T> result = d.addCallback(ignored -> f == null ? null : f.call());
        call[0] = clock.callLater(delay, () -> d.callback(null));
        return result;
    }
}
