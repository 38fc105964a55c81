package dev.twine.examples;

import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorCore.Phase;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The fallback behind {@link ShutdownSignals} on a runtime without {@code jdk.unsupported}: a JVM
 * shutdown hook (run on SIGINT, SIGTERM and console close) queues {@code stop()} for the reactor thread
 * and waits, at most {@link #PATIENCE_SECONDS} seconds, until the reactor's "after shutdown" phase has
 * run, so listening ports close in order and services save their state before the JVM halts. The exit
 * status is then the JVM's for the signal, not the program's.
 */
final class ShutdownHookStop {
    private static final System.Logger LOG = System.getLogger(ShutdownHookStop.class.getName());

    /** How long the hook holds the JVM for the shutdown phases; a stuck trigger must not hang the exit. */
    static final long PATIENCE_SECONDS = 10;

    private ShutdownHookStop() {
    }

    static void install(IReactor reactor) {
        CountDownLatch shutDown = new CountDownLatch(1);
        reactor.addSystemEventTrigger(Phase.AFTER, "shutdown", (Runnable) shutDown::countDown);
        Thread hook = new Thread(() -> {
            if (shutDown.getCount() == 0) {
                return; // the program ended by itself; nothing to wait for
            }
            LOG.log(Level.INFO, "JVM shutting down, stopping the reactor.");
            reactor.callFromThread(() -> Stopping.stop(reactor));
            try {
                if (!shutDown.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "The reactor did not finish its shutdown within {0} s.", PATIENCE_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "twine-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
    }
}
