package com.example.quickstart;

import dev.twine.internet.Factory;
import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.Reactors;
import dev.twine.spi.ReactorBackend;

/**
 * Starts an echo server on 127.0.0.1 (a port the OS picks), connects a client to it, sends
 * {@value #MESSAGE}, prints the reply and exits.
 *
 * <pre>
 * java -p target/modules -m com.example.quickstart                       # the best backend here
 * java -Dtwine.reactor=select -p target/modules -m com.example.quickstart
 * java -p target/modules -m com.example.quickstart --backends            # the backends this machine has
 * </pre>
 *
 * Prints {@code backend: NAME} and then {@code Server said: hello, world}; exits with status 1 if no reply
 * came within ten seconds.
 */
public final class QuickStart {
    /** What the client sends. */
    public static final String MESSAGE = "hello, world";

    private QuickStart() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--backends")) {
            for (ReactorBackend backend : Reactors.availableBackends()) {
                System.out.println(backend.name());
            }
            return;
        }
        IReactor reactor = Reactors.reactor();
        System.out.println("backend: " + reactor.backendName());
        try {
            System.out.println("Server said: " + echoOnce(reactor, MESSAGE, 10));
        } catch (IllegalStateException e) {
            System.out.println("no echo: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs one echo exchange over loopback on {@code reactor}, which must be new: this method runs it and
     * it is stopped when the client's connection ends.
     *
     * @return the server's reply
     * @throws IllegalStateException if the client could not connect or no reply came in time
     */
    public static String echoOnce(IReactor reactor, String message, double timeoutSeconds) {
        StringBuilder reply = new StringBuilder();
        StringBuilder problems = new StringBuilder();
        IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
        reactor.connectTCP("127.0.0.1", port.getHost().port(),
                new EchoClientFactory(reactor, message, reply, problems));
        IDelayedCall deadline = reactor.callLater(timeoutSeconds, () -> {
            problems.append("no reply within ").append(timeoutSeconds).append(" s");
            reactor.stop();
        });
        reactor.run();
        if (deadline.active()) {
            deadline.cancel();
        }
        if (problems.length() > 0) {
            throw new IllegalStateException(problems.toString());
        }
        return reply.toString();
    }
}
