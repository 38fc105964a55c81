package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.IAddress;
import dev.twine.internet.IConnector;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Endpoints from strings (Twisted's {@code serverFromString}, {@code clientFromString} and
 * {@code quoteStringArgument}, semantics.md §1.14).
 *
 * <p>A description is a prefix naming the endpoint type, then fields separated by colons, positional or
 * {@code key=value}, with backslash escaping: {@code tcp:8080:interface=127.0.0.1},
 * {@code tcp:host=example.com:port=80:timeout=10}, {@code tcp6:8080:interface=\:\:1}. The parser for a
 * prefix is found with {@link ServiceLoader} among {@link IStreamServerEndpointStringParser} and
 * {@link IStreamClientEndpointStringParserWithReactor} providers, matching the prefix without regard to
 * case; the first provider found for a prefix wins. Twine's own parsers are {@code tcp} and {@code tcp6}
 * for servers and {@code tcp} for clients; other modules add theirs the same way.
 *
 * <p>Errors: an unknown prefix, or a field a parser refuses, is an {@link IllegalArgumentException}
 * (Twisted's {@code ValueError} or {@code TypeError}) whose message quotes the whole description and says
 * what is wrong. Parsing never touches the network; making the endpoint never listens or connects.
 *
 * <p>Threading: parsing may run on any thread; the endpoints made are used on the reactor thread.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /** The server endpoint {@code description} describes; see the class comment. */
    public static IStreamServerEndpoint serverFromString(IReactor reactor, String description) {
        Objects.requireNonNull(reactor, "reactor");
        return fromString(description, IStreamServerEndpointStringParser.class,
                IStreamServerEndpointStringParser::prefix,
                (parser, d) -> parser.parseStreamServer(reactor, d.args(), d.kwargs()), "server");
    }

    /** The client endpoint {@code description} describes; see the class comment. */
    public static IStreamClientEndpoint clientFromString(IReactor reactor, String description) {
        Objects.requireNonNull(reactor, "reactor");
        return fromString(description, IStreamClientEndpointStringParserWithReactor.class,
                IStreamClientEndpointStringParserWithReactor::prefix,
                (parser, d) -> parser.parseStreamClient(reactor, d.args(), d.kwargs()), "client");
    }

    /**
     * {@code argument} escaped so that a description reads it back as one field (Twisted's
     * {@code quoteStringArgument}): every backslash and colon gets a backslash. An {@code =} is left
     * alone, as in Twisted; quote values for {@code key=value} fields, where a later {@code =} is literal.
     */
    public static String quoteStringArgument(String argument) {
        return Description.quote(Objects.requireNonNull(argument, "argument"));
    }

    /**
     * The client-endpoint side of a {@code connectXXX} call, for endpoints built on one (Twisted's
     * {@code _WrappingFactory}): calls {@code connect} with a factory that wraps {@code factory}, and returns
     * the Deferred a client endpoint's {@code connect} returns (semantics.md §1.14.4): the protocol after its
     * {@code connectionMade}, the connect failure, {@code NoProtocol}, or {@code ConnectingCancelledError}
     * when cancelled, which also stops the connector. Anything {@code connect} throws becomes a failed
     * Deferred. {@link TCP4ClientEndpoint} is {@code connectVia(factory, f -> reactor.connectTCP(host, port,
     * f, timeout, bindAddress))}; a TLS endpoint does the same with its own connect call. Reactor thread only.
     */
    public static Deferred<IProtocol> connectVia(IProtocolFactory factory,
            Function<? super ClientFactory, ? extends IConnector> connect) {
        Objects.requireNonNull(connect, "connect");
        try {
            WrappingFactory wrapping = new WrappingFactory(factory);
            connect.apply(wrapping);
            return wrapping.onConnection();
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    /**
     * Connects one ready-made protocol instance through {@code endpoint}, without writing a factory
     * (Twisted's {@code connectProtocol}, semantics.md §1.14.5). The Deferred is {@code endpoint.connect}'s:
     * it fires with {@code protocol} once its {@code connectionMade} has run, or errbacks as the endpoint
     * says, and cancelling it cancels the connect. The one-shot factory gives {@code protocol} to the first
     * connection only; its {@code buildProtocol} returns {@code null} after that, so an endpoint that
     * connected twice could not hand one instance to two transports. Reactor thread only.
     */
    public static <P extends IProtocol> Deferred<P> connectProtocol(IStreamClientEndpoint endpoint, P protocol) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(protocol, "protocol");
        OneShotFactory factory = new OneShotFactory(protocol);
        return endpoint.connect(factory).addCallback(built -> protocol);
    }

    /** Twisted's {@code OneShotFactory} inside {@code connectProtocol}. */
    private static final class OneShotFactory extends Factory {
        private IProtocol protocol;

        OneShotFactory(IProtocol protocol) {
            this.protocol = protocol;
            // One protocol instance, one connection: starting and stopping is not worth a log line.
            this.noisy = false;
        }

        @Override
        public IProtocol buildProtocol(IAddress addr) {
            IProtocol p = protocol;
            protocol = null;
            return p;
        }
    }

    /** The prefixes of the server parsers found now, in discovery order; for messages and diagnostics. */
    public static List<String> serverPrefixes() {
        return prefixes(IStreamServerEndpointStringParser.class, IStreamServerEndpointStringParser::prefix);
    }

    /** The prefixes of the client parsers found now, in discovery order; for messages and diagnostics. */
    public static List<String> clientPrefixes() {
        return prefixes(IStreamClientEndpointStringParserWithReactor.class,
                IStreamClientEndpointStringParserWithReactor::prefix);
    }

    @FunctionalInterface
    private interface Make<P, E> {
        E make(P parser, Description description);
    }

    private static <P, E> E fromString(String description, Class<P> service, Function<P, String> prefixOf,
            Make<P, E> make, String kind) {
        Objects.requireNonNull(description, "description");
        try {
            Description d = Description.parse(description);
            P parser = find(service, prefixOf, d.prefix());
            if (parser == null) {
                throw new IllegalArgumentException("unknown endpoint type '" + d.prefix() + "' (" + kind
                        + " types: " + prefixes(service, prefixOf) + ")");
            }
            E endpoint = make.make(parser, d);
            if (endpoint == null) {
                throw new IllegalArgumentException("the parser for '" + d.prefix() + "' made no endpoint");
            }
            return endpoint;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + kind + " endpoint description '" + description + "': "
                    + e.getMessage(), e);
        }
    }

    private static <P> P find(Class<P> service, Function<P, String> prefixOf, String prefix) {
        String wanted = prefix.toLowerCase(Locale.ROOT);
        for (P parser : ServiceLoader.load(service)) {
            if (prefixOf.apply(parser).toLowerCase(Locale.ROOT).equals(wanted)) {
                return parser;
            }
        }
        return null;
    }

    private static <P> List<String> prefixes(Class<P> service, Function<P, String> prefixOf) {
        List<String> out = new ArrayList<>();
        for (P parser : ServiceLoader.load(service)) {
            out.add(prefixOf.apply(parser));
        }
        return out;
    }
}
