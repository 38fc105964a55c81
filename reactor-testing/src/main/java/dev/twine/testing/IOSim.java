package dev.twine.testing;

import dev.twine.internet.IAddress;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IProtocol;
import dev.twine.internet.IProtocolFactory;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Connects a server protocol and a client protocol in memory (Twisted's {@code twisted.test.iosim}): no
 * sockets, no threads, no reactor. The returned {@link IOPump} moves the bytes when the test asks.
 *
 * <pre>{@code
 * IOPump<Echo, AccumulatingProtocol> pump = IOSim.connectedServerAndClient(Echo::new, AccumulatingProtocol::new);
 * pump.client().transport.write("hi\r\n".getBytes(US_ASCII));
 * pump.flush();
 * assertEquals("hi\r\n", pump.client().dataAsString());
 * }</pre>
 *
 * <p>The server's {@code makeConnection} runs first, then the client's, then (as Twisted's {@code greet})
 * the pump is flushed once so that greetings written in {@code connectionMade} have arrived. The server
 * sees itself as {@value #SERVER_HOST}:{@value #SERVER_PORT} and the client as {@value #CLIENT_HOST}:{@value
 * #CLIENT_PORT}. TLS does not exist in Twine yet; when it does, it will be layered here. Not thread-safe.
 */
public final class IOSim {
    /** The server end's address. */
    public static final String SERVER_HOST = "127.0.0.1";
    /** The server end's port. */
    public static final int SERVER_PORT = 4321;
    /** The client end's address. */
    public static final String CLIENT_HOST = "127.0.0.2";
    /** The client end's port. */
    public static final int CLIENT_PORT = 54321;

    private IOSim() {
    }

    /**
     * Builds one protocol from each factory (with the other end's address, as a real port and connector
     * do), connects them and flushes.
     *
     * @throws IllegalStateException if a factory refuses the connection (returns {@code null})
     */
    public static IOPump<IProtocol, IProtocol> connectedServerAndClient(IProtocolFactory serverFactory,
            IProtocolFactory clientFactory) {
        IProtocol server = serverFactory.buildProtocol(clientAddress());
        IProtocol client = clientFactory.buildProtocol(serverAddress());
        if (server == null || client == null) {
            throw new IllegalStateException("a factory refused the connection: server=" + server + ", client=" + client);
        }
        return connect(server, client, true);
    }

    /** Makes one protocol with each supplier, connects them and flushes. */
    public static <S extends IProtocol, C extends IProtocol> IOPump<S, C> connectedServerAndClient(Supplier<S> server,
            Supplier<C> client) {
        return connect(server.get(), client.get(), true);
    }

    /**
     * Connects {@code server} and {@code client}; flushes once when {@code greet} (Twisted's default), else
     * leaves every step to the test.
     */
    public static <S extends IProtocol, C extends IProtocol> IOPump<S, C> connect(S server, C client, boolean greet) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(client, "client");
        FakeTransport serverTransport = new FakeTransport(server, serverAddress(), clientAddress());
        FakeTransport clientTransport = new FakeTransport(client, clientAddress(), serverAddress());
        server.makeConnection(serverTransport);
        client.makeConnection(clientTransport);
        IOPump<S, C> pump = new IOPump<>(server, client, serverTransport, clientTransport);
        if (greet) {
            pump.flush();
        }
        return pump;
    }

    private static IAddress serverAddress() {
        return new IPv4Address("TCP", SERVER_HOST, SERVER_PORT);
    }

    private static IAddress clientAddress() {
        return new IPv4Address("TCP", CLIENT_HOST, CLIENT_PORT);
    }
}
