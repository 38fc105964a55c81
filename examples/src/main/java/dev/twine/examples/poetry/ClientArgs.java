package dev.twine.examples.poetry;

import dev.twine.examples.Args;
import dev.twine.examples.ClientTarget;
import dev.twine.examples.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The poetry clients' command line: one or more {@code PORT}, {@code HOST:PORT} or client endpoint
 * description ({@code tcp:HOST:PORT}, ...) arguments.
 */
final class ClientArgs {
    private ClientArgs() {
    }

    static List<ClientTarget> targets(List<String> argv) throws UsageException {
        Args args = Args.parse(argv, Set.of());
        List<String> given = args.positional();
        if (given.isEmpty()) {
            throw new UsageException("give at least one server address");
        }
        List<ClientTarget> out = new ArrayList<>(given.size());
        for (String a : given) {
            out.add(ClientTarget.parse(a));
        }
        return out;
    }
}
