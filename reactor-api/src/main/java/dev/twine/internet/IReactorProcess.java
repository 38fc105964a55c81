package dev.twine.internet;

import java.util.List;
import java.util.Map;

/**
 * Starts child processes whose pipes the reactor serves (Twisted's {@code IReactorProcess}, semantics.md §10).
 * Reactor thread only.
 */
public interface IReactorProcess {
    /**
     * Starts {@code executable} with standard input, output and error on pipes, and connects
     * {@code processProtocol} to it: its {@code connectionMade} has run when this returns.
     *
     * @param args    the argument vector, Twisted's {@code args}: {@code args.get(0)} is the program's own
     *                name, the rest its arguments. Java cannot give a child an {@code argv[0]} other than
     *                the executable, so the first element is not passed on.
     * @param env     the child's whole environment; {@code null} to inherit this process's. As in Twisted, an
     *                empty map is an empty environment, not the inherited one.
     * @param path    the child's working directory; {@code null} for this process's
     * @throws java.io.UncheckedIOException naming the executable if it cannot be started (Twisted's POSIX
     *         reactor reports that from the child instead, as exit status 1)
     */
    IProcessTransport spawnProcess(ProcessProtocol processProtocol, String executable, List<String> args,
            Map<String, String> env, String path);
}
