package dev.twine.examples.kv;

import dev.twine.defer.Failure;
import dev.twine.examples.Out;
import dev.twine.internet.task.LoopingCall;
import dev.twine.protocols.basic.Int32StringReceiver;
import java.nio.charset.StandardCharsets;

/**
 * One connection of the key-value client: every {@code interval} seconds it writes the next counter
 * value ({@code SET key n}) and reads it back ({@code GET key}), printing each command ({@code > ...})
 * and each reply ({@code < ...}).
 *
 * <p>Threading: reactor thread only.
 */
final class KvClientProtocol extends Int32StringReceiver {
    private final KvClientFactory owner;
    private LoopingCall rounds;

    KvClientProtocol(KvClientFactory owner) {
        this.owner = owner;
    }

    @Override
    public void connectionMade() {
        Out.println("Connected to " + transport.getPeer() + ".");
        rounds = new LoopingCall(owner.reactor, this::round);
        rounds.start(owner.interval);
    }

    private void round() {
        int n = owner.nextValue();
        send("SET " + owner.key + " " + n);
        send("GET " + owner.key);
    }

    private void send(String command) {
        Out.println("> " + command);
        sendString(command.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void stringReceived(byte[] string) {
        String reply = new String(string, StandardCharsets.UTF_8);
        Out.println("< " + reply);
        if (reply.startsWith("VALUE ") && owner.valueRead()) {
            stopRounds();
            transport.loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        stopRounds();
        owner.connectionEnded(reason);
    }

    private void stopRounds() {
        if (rounds != null && rounds.running()) {
            rounds.stop();
        }
    }
}
