package dev.twine.examples.kv;

import dev.twine.defer.Failure;
import dev.twine.internet.IReactorTime;
import dev.twine.protocols.basic.Int32StringReceiver;
import dev.twine.protocols.policies.TimeoutMixin;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * One client of the key-value server: each {@link Int32StringReceiver} message is a command for the
 * shared {@link KvStore}, answered with one message. A client that sends nothing for the idle period
 * is disconnected by {@link TimeoutMixin}; every message restarts the period. A frame longer than
 * {@code MAX_LENGTH} (64 KiB here) closes only that client's connection.
 *
 * <p>Threading: reactor thread only.
 */
final class KvServerProtocol extends Int32StringReceiver implements TimeoutMixin {
    private static final System.Logger LOG = System.getLogger(KvServerProtocol.class.getName());

    private final KvStore store;
    private final double idleTimeout;
    private final TimeoutMixin.Timer timer;

    KvServerProtocol(KvStore store, IReactorTime clock, double idleTimeout) {
        this.store = store;
        this.idleTimeout = idleTimeout;
        this.timer = new TimeoutMixin.Timer(clock);
        MAX_LENGTH = 64 * 1024;
    }

    @Override
    public TimeoutMixin.Timer timeoutTimer() {
        return timer;
    }

    @Override
    public void connectionMade() {
        setTimeout(idleTimeout);
    }

    @Override
    public void stringReceived(byte[] string) {
        resetTimeout();
        String reply = store.execute(new String(string, StandardCharsets.UTF_8));
        sendString(reply.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void timeoutConnection() {
        LOG.log(Level.INFO, "closing idle connection from {0}", transport.getPeer());
        transport.loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        // TimeoutMixin leaves the timer running after the end, as Twisted's does: cancel it here.
        setTimeout(null);
        super.connectionLost(reason);
    }
}
