package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorTCP;
import dev.twine.internet.IReactorTime;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A client endpoint for a host name, trying every address it resolves to (Twisted's
 * {@code HostnameEndpoint}, semantics.md §1.14.6): the "happy eyeballs" connect of RFC 8305 as Twisted does
 * it.
 *
 * <ol>
 *   <li>The name is resolved off the reactor thread by the {@link HostResolver} (by default the system
 *       resolver in the reactor's thread pool, as Twisted runs {@code getaddrinfo} in a thread).</li>
 *   <li>A connection attempt starts to the first address at once, and to each next address
 *       {@code attemptDelay} seconds (default 0.3) after the previous one, in the resolver's order, while no
 *       attempt has succeeded; several attempts may be in flight.</li>
 *   <li>The first attempt to connect wins: the others are cancelled, and the Deferred fires with the
 *       protocol after its {@code connectionMade}.</li>
 *   <li>If every attempt fails, the Deferred errbacks with the last failure (Twisted's
 *       {@code failures.pop()}); a failed lookup, or one with no addresses, with
 *       {@link dev.twine.internet.error.DNSLookupError}; a host that cannot be a name (IDNA refuses it) with
 *       {@link IllegalArgumentException}, from {@code connect}, never from the constructor.</li>
 *   <li>Cancelling stops the lookup or every attempt and the schedule, and errbacks with
 *       {@link dev.twine.internet.error.ConnectingCancelledError} naming a
 *       {@link dev.twine.internet.HostnameAddress}.</li>
 * </ol>
 * Each attempt uses {@code timeout} and {@code bindAddress} as {@link TCP4ClientEndpoint} does.
 *
 * <p>Threading: construct anywhere; {@code connect} on the reactor thread.
 */
public final class HostnameEndpoint implements IStreamClientEndpoint {
    /** Twisted's {@code _DEFAULT_ATTEMPT_DELAY}, 0.3 s; RFC 8305 §5 recommends 250 ms. */
    public static final double DEFAULT_ATTEMPT_DELAY = 0.3;

    private final IReactorTCP tcp;
    private final IReactorTime time;
    private final HostResolver resolver;
    private final String host;
    private final int port;
    private final double timeout;
    private final InetSocketAddress bindAddress;
    private final double attemptDelay;

    /** Twisted's defaults: 30 s per attempt, no local address, 0.3 s between attempts. */
    public HostnameEndpoint(IReactor reactor, String host, int port) {
        this(reactor, HostResolver.inThreadPool(reactor), host, port, 30, null, DEFAULT_ATTEMPT_DELAY);
    }

    /**
     * @param resolver     resolves the name; {@link HostResolver#inThreadPool} for the system resolver
     * @param timeout      seconds before each attempt fails with {@code TimeoutError}; {@code <= 0}: none
     * @param bindAddress  local address each attempt binds before connecting, or {@code null}
     * @param attemptDelay seconds between the starts of successive attempts, 0 or more
     */
    public <R extends IReactorTCP & IReactorTime> HostnameEndpoint(R reactor, HostResolver resolver, String host,
            int port, double timeout, InetSocketAddress bindAddress, double attemptDelay) {
        this.tcp = Objects.requireNonNull(reactor, "reactor");
        this.time = reactor;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.host = Objects.requireNonNull(host, "host");
        if (!(attemptDelay >= 0) || Double.isInfinite(attemptDelay)) {
            throw new IllegalArgumentException("attemptDelay must be a finite number of seconds >= 0, got "
                    + attemptDelay);
        }
        this.port = port;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
        this.attemptDelay = attemptDelay;
    }

    @Override
    public Deferred<IProtocol> connect(IProtocolFactory factory) {
        Objects.requireNonNull(factory, "factory");
        String invalid = HostNames.invalidReason(host);
        if (invalid != null) {
            return Deferred.fail(new IllegalArgumentException("invalid hostname '" + host + "': " + invalid));
        }
        return new AttemptRace(this, factory).start();
    }

    /** One attempt to {@code literal}, an IP address the name resolved to. */
    IStreamClientEndpoint attempt(String literal) {
        return new TCP4ClientEndpoint(tcp, literal, port, timeout, bindAddress);
    }

    IReactorTime time() {
        return time;
    }

    HostResolver resolver() {
        return resolver;
    }

    /** The host name, as given. */
    public String host() {
        return host;
    }

    /** The port to connect to. */
    public int port() {
        return port;
    }

    /** Seconds between the starts of successive attempts. */
    public double attemptDelay() {
        return attemptDelay;
    }

    @Override
    public String toString() {
        String shown = HostNames.isIPv6Literal(host) ? "[" + host + "]" : host;
        return "<HostnameEndpoint " + shown + ":" + port + ">";
    }
}
