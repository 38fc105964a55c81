package dev.twine.internet.tcp;

/**
 * How the TCP code treats exceptions from application callbacks: it logs them and carries on (semantics.md §1.10),
 * but never swallows the JVM's own failures.
 */
final class Callbacks {
    private Callbacks() {
    }

    /**
     * Re-throws errors that mean the JVM itself is in trouble ({@link VirtualMachineError} such as
     * {@code OutOfMemoryError}, {@link LinkageError}); every other throwable from a callback is the
     * application's bug, to be logged.
     */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError vme) {
            throw vme;
        }
        if (t instanceof LinkageError le) {
            throw le;
        }
    }
}
