package dev.twine.bench.servers;

import java.util.concurrent.CountDownLatch;

/**
 * Runs one benchmark server until the process is terminated (SIGTERM or SIGINT close it cleanly
 * through a shutdown hook). Prints one line when it is listening,
 * {@code listening <service> on <stack> at <host>:<port> pid <pid>}, which the side-by-side script
 * waits for before it starts the load generator.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.twine.bench.servers.ServerMain http|resp|echo|udp-echo [options]}
 * (options in {@link ServerOptions}); {@link HttpServer}, {@link RespServer} and {@link EchoServer}
 * are the same with the service fixed.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: ServerMain http|resp|echo|udp-echo [--port N] [--reactor NAME] [--host ADDR] [--reactors N]");
            System.exit(2);
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        run(Service.named(args[0]), rest);
    }

    /** Parses {@code args} for {@code service}, starts the server and blocks until the JVM shuts down. */
    static void run(Service service, String[] args) throws InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(service, args);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.println(ServerOptions.usage(service));
            System.exit(2);
            return;
        }
        ServerHost server = ServerHost.start(options.stack(), service, options.host(), options.port(), options.backlog(),
                options.reactors(), options.tls());
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "server-shutdown"));
        System.out.println("listening " + service.name().toLowerCase().replace('_', '-') + (options.tls() == null ? "" : " over TLS") + " on " + options.stack() + " at "
                + options.host() + ":" + server.port() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        forever.await();
    }
}
