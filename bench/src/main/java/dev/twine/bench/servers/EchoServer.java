package dev.twine.bench.servers;

/**
 * The echo server, for real load generators.
 * Options as in {@link ServerOptions}: {@code --port}, {@code --reactor} (a Twine backend name,
 * {@code netty-epoll} or {@code netty-nio}), {@code --host}, {@code --backlog}.
 */
public final class EchoServer {

    private EchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerMain.run(Service.ECHO, args);
    }
}
