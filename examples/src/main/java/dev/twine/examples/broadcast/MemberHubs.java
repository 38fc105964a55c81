package dev.twine.examples.broadcast;

import dev.twine.internet.group.ReactorGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hubs of a broadcast server on a reactor group, one per member, in member order: the cross-reactor
 * pattern. A hub never touches another member's clients; it hands the message to each other member with
 * {@code callFromThread}, and that member's hub delivers it to its own clients on its own thread. A thread
 * call queue is first in, first out, so each sender's messages reach every client in the order sent.
 *
 * <p>Threading: {@link #newHub()} on the thread building the group, before it starts; {@link #relayFrom}
 * on a member's thread.
 */
final class MemberHubs {
    private final ReactorGroup group;
    private final AtomicInteger arrivals = new AtomicInteger();
    private final List<BroadcastFactory> hubs = new ArrayList<>();

    MemberHubs(ReactorGroup group) {
        this.group = group;
    }

    /** The hub of the next member: the group's factory supplier, called once per member in order. */
    BroadcastFactory newHub() {
        BroadcastFactory hub = new BroadcastFactory(arrivals, this);
        hubs.add(hub);
        return hub;
    }

    /** Passes {@code message} from {@code origin}'s member to every other member's hub. */
    void relayFrom(BroadcastFactory origin, byte[] message) {
        // The array crosses threads: a copy of our own, which nobody writes to afterwards.
        byte[] copy = message.clone();
        for (int i = 0; i < hubs.size(); i++) {
            BroadcastFactory hub = hubs.get(i);
            if (hub != origin) {
                group.callFromThread(i, () -> hub.deliverLocally(null, copy));
            }
        }
    }
}
