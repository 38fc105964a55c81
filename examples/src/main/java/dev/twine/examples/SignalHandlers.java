package dev.twine.examples;

import dev.twine.internet.IReactor;
import java.lang.System.Logger.Level;
import sun.misc.Signal;

/**
 * The signal handlers behind {@link ShutdownSignals} on a JVM with {@code jdk.unsupported}: each
 * signal queues {@code stop()} for the reactor thread and the JVM keeps running until the program's
 * {@code main} returns. Where a signal cannot be handled (for example SIGINT under some launchers) it is
 * skipped with a log line.
 */
final class SignalHandlers {
    private static final System.Logger LOG = System.getLogger(SignalHandlers.class.getName());

    private SignalHandlers() {
    }

    static void install(IReactor reactor) {
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
