package dev.twine.internet.endpoints;

import dev.twine.internet.IReactor;
import java.util.List;
import java.util.Map;

/**
 * Makes server endpoints from descriptions with one prefix (Twisted's
 * {@code IStreamServerEndpointStringParser}, semantics.md §1.14). {@link Endpoints#serverFromString} finds
 * parsers with {@link java.util.ServiceLoader}: a module declares
 * {@code provides dev.twine.internet.endpoints.IStreamServerEndpointStringParser with ...}, a jar on the
 * class path lists its class in {@code META-INF/services}. Implementations need a public no-argument
 * constructor and must be stateless: one instance may serve every reactor and thread.
 */
public interface IStreamServerEndpointStringParser {
    /** The prefix this parser handles, such as {@code "tcp"}; matched case-insensitively. */
    String prefix();

    /**
     * Makes the endpoint for the description's fields after the prefix.
     *
     * @param args   the positional fields, unescaped, in order
     * @param kwargs the {@code key=value} fields, unescaped, in order of appearance; a repeated key keeps
     *               its last value
     * @throws IllegalArgumentException for a missing, unknown or malformed field, saying which;
     *                                  {@link Endpoints} adds the whole description to the message
     */
    IStreamServerEndpoint parseStreamServer(IReactor reactor, List<String> args, Map<String, String> kwargs);
}
