package dev.twine.bench.servers;

import dev.twine.bench.Stack;
import dev.twine.internet.Reactors;
import java.util.Locale;

/**
 * Command-line options shared by the benchmark servers:
 * {@code --port N} (default per service), {@code --reactor NAME} (a Twine backend such as
 * {@code epoll} or {@code select}, or {@code netty-epoll} / {@code netty-nio}; default: the Twine
 * backend {@code Reactors} would choose), {@code --host ADDR} (default {@code 127.0.0.1}: these
 * servers are for loopback measurements), {@code --backlog N} (default 1024), and
 * {@code --tls-key FILE --tls-cert FILE} to serve over TLS (both or neither), with
 * {@code --tls-provider jdk|openssl} (default jdk; openssl applies to Netty only).
 *
 * @param service what to serve
 * @param stack   which stack serves it
 * @param host    the address to listen on
 * @param port    the port to listen on
 * @param backlog the listen backlog
 * @param reactors event-loop threads ({@code --reactors N}, default 1): a Twine {@code ReactorGroup} of N, or a
 *                 Netty group of N loops
 * @param tls     the TLS key material, or {@code null} for plain TCP
 */
public record ServerOptions(Service service, Stack stack, String host, int port, int backlog, int reactors,
        TlsFiles tls) {

    /** A usage line for {@code service}'s server. */
    public static String usage(Service service) {
        return "usage: " + service.name().toLowerCase(Locale.ROOT)
                + "-server [--port N] [--reactor select|epoll|...|netty-epoll|netty-nio] [--host ADDR] [--backlog N]"
                + " [--reactors N] [--tls-key KEY.pem --tls-cert CHAIN.pem [--tls-provider jdk|openssl]]";
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the offending option
     */
    public static ServerOptions parse(Service service, String[] args) {
        String reactor = null;
        String host = "127.0.0.1";
        int port = defaultPort(service);
        int backlog = 1024;
        int reactors = 1;
        String tlsKey = null;
        String tlsCert = null;
        String tlsProvider = "jdk";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = Integer.parseInt(value);
                case "--reactor" -> reactor = value;
                case "--host" -> host = value;
                case "--backlog" -> backlog = Integer.parseInt(value);
                case "--reactors" -> reactors = Integer.parseInt(value);
                case "--tls-key" -> tlsKey = value;
                case "--tls-cert" -> tlsCert = value;
                case "--tls-provider" -> tlsProvider = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (reactor == null) {
            reactor = Reactors.selectedBackend().name();
        }
        if ((tlsKey == null) != (tlsCert == null)) {
            throw new IllegalArgumentException("--tls-key and --tls-cert go together");
        }
        if (!tlsProvider.equals("jdk") && !tlsProvider.equals("openssl")) {
            throw new IllegalArgumentException("--tls-provider is jdk or openssl, not " + tlsProvider);
        }
        TlsFiles tls = tlsKey == null ? null
                : new TlsFiles(java.nio.file.Path.of(tlsKey), java.nio.file.Path.of(tlsCert), tlsProvider.equals("openssl"));
        return new ServerOptions(service, Stack.of(reactor), host, port, backlog, reactors, tls);
    }

    /** The conventional port of each service: 8080 for HTTP, 6379 for RESP, 7 + 7000 for echo over TCP and UDP. */
    static int defaultPort(Service service) {
        return switch (service) {
            case HTTP -> 8080;
            case RESP -> 6379;
            case ECHO, UDP_ECHO -> 7007;
        };
    }
}
