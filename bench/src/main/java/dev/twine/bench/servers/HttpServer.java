package dev.twine.bench.servers;

/**
 * The HTTP/1.1 plaintext responder (keep-alive, pipelining-safe, <code>Hello, World!</code>), for real load generators.
 * Options as in {@link ServerOptions}: {@code --port}, {@code --reactor} (a Twine backend name,
 * {@code netty-epoll} or {@code netty-nio}), {@code --host}, {@code --backlog}.
 */
public final class HttpServer {

    private HttpServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerMain.run(Service.HTTP, args);
    }
}
