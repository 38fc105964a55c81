package dev.twine.examples.broadcast;

import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.ServerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broadcast hub: numbers the clients in order of arrival (1, 2, 3, ...; a number is never reused)
 * and knows who is connected, so a message can go to everyone but its sender.
 *
 * <p>On a reactor group ({@code --reactors N}) each member has its own hub with its own clients; the hubs
 * share only the arrival counter (an atomic) and pass each message on to the other members' hubs with
 * {@code callFromThread} ({@link MemberHubs}), so a client sees exactly what a one-reactor server sends it.
 *
 * <p>Threading: its reactor's (member's) thread only.
 */
final class BroadcastFactory extends ServerFactory {
    private final Map<Integer, Spreader> clients = new LinkedHashMap<>();
    private final AtomicInteger arrivals;
    /** The other members' hubs, or null on a single reactor. */
    private final MemberHubs peers;

    BroadcastFactory() {
        this(new AtomicInteger(), null);
    }

    BroadcastFactory(AtomicInteger arrivals, MemberHubs peers) {
        this.noisy = false;
        this.arrivals = arrivals;
        this.peers = peers;
    }

    @Override
    public IProtocol buildProtocol(IAddress addr) {
        Spreader s = new Spreader(this);
        s.factory = this;
        return s;
    }

    /** Registers a new client and returns its number. */
    int join(Spreader client) {
        int id = arrivals.incrementAndGet();
        clients.put(id, client);
        return id;
    }

    void leave(Spreader client) {
        clients.remove(client.id());
    }

    /** Sends {@code message} to every client except {@code from}, on this member and on the others. */
    void relay(Spreader from, byte[] message) {
        deliverLocally(from, message);
        if (peers != null) {
            peers.relayFrom(this, message);
        }
    }

    /** Sends {@code message} to this hub's clients except {@code from} (null: a message from another member). */
    void deliverLocally(Spreader from, byte[] message) {
        // A copy: delivering may drop a slow client, which removes it from the map.
        List<Spreader> targets = new ArrayList<>(clients.values());
        for (Spreader c : targets) {
            if (c != from) {
                c.deliver(message);
            }
        }
    }

    int connected() {
        return clients.size();
    }
}
