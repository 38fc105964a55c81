package dev.twine.bench.servers;

/**
 * The RESP server answering PING, inline and multibulk, with <code>+PONG</code>, for real load generators.
 * Options as in {@link ServerOptions}: {@code --port}, {@code --reactor} (a Twine backend name,
 * {@code netty-epoll} or {@code netty-nio}), {@code --host}, {@code --backlog}.
 */
public final class RespServer {

    private RespServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerMain.run(Service.RESP, args);
    }
}
