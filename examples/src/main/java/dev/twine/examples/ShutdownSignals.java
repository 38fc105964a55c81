package dev.twine.examples;

import dev.twine.internet.IReactor;

/**
 * SIGINT and SIGTERM stop the reactor cleanly, as Twisted's reactor does when it runs with signal
 * handlers installed ({@code base.py sigInt/sigTerm}: {@code callFromThread(self.stop)}).
 *
 * <p>Without this, the JVM's default action exits at once and the reactor's shutdown phases never run:
 * listening ports are not closed in order and services cannot save state. With it, the signal only
 * queues {@code stop()} for the reactor thread; the before/during/after shutdown triggers then run,
 * {@code run()} returns, and the program exits normally (status 0, or whatever it chooses).
 *
 * <p>Two ways, chosen once at {@link #install}: where the JVM has the module {@code jdk.unsupported}
 * (every full JDK), {@link SignalHandlers} catches the signals themselves; where a trimmed runtime lacks
 * it (jlinked JREs, such as the Windows JRE the IOCP backend is tested with), {@link ShutdownHookStop}
 * lets the JVM begin its exit and holds it until the reactor has finished its shutdown phases.
 */
public final class ShutdownSignals {
    private ShutdownSignals() {
    }

    /** Makes SIGINT and SIGTERM stop {@code reactor} cleanly. Call once, before {@code run()}. */
    public static void install(IReactor reactor) {
        // SignalHandlers refers to sun.misc.Signal; it is loaded only when the module is present.
        if (ModuleLayer.boot().findModule("jdk.unsupported").isPresent()) {
            SignalHandlers.install(reactor);
        } else {
            ShutdownHookStop.install(reactor);
        }
    }
}
