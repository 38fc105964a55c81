package dev.twine.tck.tls;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import dev.twine.internet.ITransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.ServerFactory;
import java.io.ByteArrayOutputStream;

/**
 * A plain TCP relay between a TLS client and a TLS server on the same reactor, for what only the wire
 * shows: it counts the bytes each way (how many records a run of writes became) and can cut both legs
 * with a plain TCP close, so that each TLS side sees an end of stream without close_notify. Serves one
 * client.
 */
final class TlsProxy {
    private final IReactor reactor;
    private final int target;
    final IListeningPort port;
    private ITransport downstream;
    private ITransport upstream;
    private final ByteArrayOutputStream early = new ByteArrayOutputStream();
    /** Bytes the client sent towards the server, and the server towards the client. */
    long clientToServer;
    long serverToClient;

    TlsProxy(IReactor reactor, int targetPort) {
        this.reactor = reactor;
        this.target = targetPort;
        this.port = reactor.listenTCP(0, new ServerFactory(ClientLeg::new), 50, TlsFixtures.LOOPBACK);
    }

    int port() {
        return TlsFixtures.portOf(port);
    }

    /** Closes both legs with a TCP FIN: neither TLS side receives a close_notify. */
    void cut() {
        if (downstream != null) {
            downstream.loseConnection();
        }
        if (upstream != null) {
            upstream.loseConnection();
        }
    }

    Deferred<Void> stopListening() {
        return port.stopListening();
    }

    private final class ClientLeg extends Protocol {
        @Override
        public void connectionMade() {
            downstream = transport;
            reactor.connectTCP(TlsFixtures.LOOPBACK, target, new ClientFactory(ServerLeg::new));
        }

        @Override
        public void dataReceived(byte[] data) {
            clientToServer += data.length;
            if (upstream == null) {
                early.writeBytes(data);
            } else {
                upstream.write(data);
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            if (upstream != null) {
                upstream.loseConnection();
            }
        }
    }

    private final class ServerLeg extends Protocol {
        @Override
        public void connectionMade() {
            upstream = transport;
            if (early.size() > 0) {
                transport.write(early.toByteArray());
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            serverToClient += data.length;
            downstream.write(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            downstream.loseConnection();
        }
    }
}
