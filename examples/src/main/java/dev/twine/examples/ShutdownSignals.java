package dev.twine.examples;

import dev.twine.internet.IReactor;
import java.lang.System.Logger.Level;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM stop the reactor cleanly, as Twisted's reactor does when it runs with signal
 * handlers installed ({@code base.py sigInt/sigTerm}: {@code callFromThread(self.stop)}).
 *
 * <p>Without this, the JVM's default action exits at once and the reactor's shutdown phases never run:
 * listening ports are not closed in order and services cannot save state. With it, the signal only
 * queues {@code stop()} for the reactor thread; the before/during/after shutdown triggers then run,
 * {@code run()} returns, and the program exits normally (status 0, or whatever it chooses).
 *
 * <p>{@code sun.misc.Signal} is the JDK's supported-but-unofficial hook (module {@code jdk.unsupported});
 * where a signal cannot be handled (for example SIGINT under some launchers) it is skipped with a log line.
 */
public final class ShutdownSignals {
    private static final System.Logger LOG = System.getLogger(ShutdownSignals.class.getName());

    private ShutdownSignals() {
    }

    /** Installs handlers for SIGINT and SIGTERM that stop {@code reactor}. Call once, before {@code run()}. */
    public static void install(IReactor reactor) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> reactor.callFromThread(() -> stopIfRunning(reactor, sig)));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Cannot handle SIG{0}: {1}", name, e.getMessage());
            }
        }
    }

    private static void stopIfRunning(IReactor reactor, Signal sig) {
        LOG.log(Level.INFO, "Received SIG{0}, shutting down.", sig.getName());
        Stopping.stop(reactor);
    }
}
