package dev.twine.nativeio.panama;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static dev.twine.nativeio.panama.Downcalls.INT;
import static dev.twine.nativeio.panama.Downcalls.Kind.CRITICAL;
import static dev.twine.nativeio.panama.Downcalls.libc;

/**
 * Two C library calls with no effect, bound exactly as the binding's hot calls are, so that a
 * benchmark (the bench module's {@code NativeCallBenchmark}) can measure what the Panama binding
 * itself costs per call: {@code abs} (no system call at all) and {@code getpid} (the cheapest
 * system call). Neither can block, so both are critical (see {@link Downcalls}); neither sets errno.
 * Not used by Twine itself. Stateless and thread-safe.
 */
public final class CallCostProbes {

    private static final MethodHandle ABS = libc("abs", CRITICAL, FunctionDescriptor.of(INT, INT));
    private static final MethodHandle GETPID = libc("getpid", CRITICAL, FunctionDescriptor.of(INT));

    private CallCostProbes() {
    }

    /** {@code int abs(int)}. */
    public static int abs(int value) {
        try {
            return (int) ABS.invokeExact(value);
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }

    /** {@code pid_t getpid(void)}. */
    public static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw Downcalls.unexpected(t);
        }
    }
}
