package dev.twine.examples.broadcast;

import dev.twine.internet.IAddress;
import dev.twine.internet.IProtocol;
import dev.twine.internet.ServerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broadcast hub: numbers the clients in order of arrival (1, 2, 3, ...; a number is never reused)
 * and knows who is connected, so a message can go to everyone but its sender.
 *
 * <p>Threading: reactor thread only.
 */
final class BroadcastFactory extends ServerFactory {
    private final Map<Integer, Spreader> clients = new LinkedHashMap<>();
    private int arrivals;

    BroadcastFactory() {
        this.noisy = false;
    }

    @Override
    public IProtocol buildProtocol(IAddress addr) {
        Spreader s = new Spreader(this);
        s.factory = this;
        return s;
    }

    /** Registers a new client and returns its number. */
    int join(Spreader client) {
        int id = ++arrivals;
        clients.put(id, client);
        return id;
    }

    void leave(Spreader client) {
        clients.remove(client.id());
    }

    /** Sends {@code message} to every client except {@code from}. */
    void relay(Spreader from, byte[] message) {
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
