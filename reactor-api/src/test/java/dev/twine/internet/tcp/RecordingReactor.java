package dev.twine.internet.tcp;

import dev.twine.internet.IReactor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * A reactor double for driving one {@link Connection} by hand: it records the connection's FD-set traffic
 * ({@code addReader}, {@code addWriter}, {@code removeReader}, {@code removeWriter}) and keeps the calls
 * it schedules with {@code callLater} until the test runs them. It never polls, so {@code doRead} and
 * {@code doWrite} run only when the test calls them. Every other reactor method does nothing and answers
 * {@code null}, zero or {@code false}.
 *
 * <p>Threading: the test's thread only.
 */
final class RecordingReactor implements InvocationHandler {
    /** The double itself, to hand to the code under test. */
    final IReactor reactor = (IReactor) Proxy.newProxyInstance(
            IReactor.class.getClassLoader(), new Class<?>[] {IReactor.class}, this);

    private final List<String> calls = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        String name = method.getName();
        switch (name) {
            case "addReader", "addWriter", "removeReader", "removeWriter" -> {
                calls.add(name);
                return null;
            }
            case "callLater" -> {
                calls.add("callLater " + args[0]);
                scheduled.add((Runnable) args[1]);
                return null;
            }
            // TcpContext keeps the reactor as a key of a WeakHashMap: identity is what it needs.
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "toString" -> {
                return "RecordingReactor@" + Integer.toHexString(System.identityHashCode(proxy));
            }
            default -> {
                return nothing(method.getReturnType());
            }
        }
    }

    /** The calls recorded since the last time, oldest first; the record starts empty again. */
    List<String> takeCalls() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    /** Runs the calls scheduled so far, in the order they were scheduled, as the next iteration would. */
    void runScheduled() {
        List<Runnable> due = List.copyOf(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }

    private static Object nothing(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
