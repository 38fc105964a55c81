package dev.twine.tck.core;

import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.internet.base.ReactorBase;
import dev.twine.internet.error.ReactorAlreadyInstalledError;

/**
 * A tiny program that {@link ReactorSelectionTest} starts in a fresh JVM: what a user's {@code main} does
 * first. With no argument it builds a reactor the default way ({@link Reactors#newReactor()}) and prints
 * its backend; with {@code default} it exercises the process-wide default reactor and prints {@code ok}.
 * Any failure escapes {@code main}, so the JVM prints it and exits with status 1.
 */
public final class NewReactorMain {
    private NewReactorMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("default")) {
            checkDefaultReactor();
            return;
        }
        IReactor reactor = Reactors.newReactor();
        System.out.println(reactor.backendName());
        ((ReactorBase) reactor).close();
    }

    private static void checkDefaultReactor() {
        IReactor first = Reactors.reactor();
        if (Reactors.reactor() != first) {
            throw new AssertionError("Reactors.reactor() built a second default reactor");
        }
        IReactor other = Reactors.newReactor();
        try {
            Reactors.installReactor(other);
            throw new AssertionError("installReactor after reactor() did not raise");
        } catch (ReactorAlreadyInstalledError expected) {
            System.out.println("ok: " + expected.getMessage());
        } finally {
            ((ReactorBase) other).close();
            ((ReactorBase) first).close();
        }
    }
}
