package dev.twine.examples.weblog;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IReactorTime;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The pushes to one client, as the tutorial's listing 4 makes them: the client's protocol records the
 * time it connected, pushes at once, and then pushes every {@value #PUSH_INTERVAL} seconds through its
 * own {@code callLater}, so each client's pushes follow its own connection time, not a server-wide
 * timer. A push carries exactly the hits read since this client's previous push (or since it
 * connected): a client never gets hits that were read before it connected, and never gets a hit
 * twice. A push with nothing new writes nothing.
 *
 * <p>Threading: reactor thread only.
 */
final class ClientPushes {
    /** Seconds between two pushes to the same client. */
    static final double PUSH_INTERVAL = 5.0;

    private final IReactorTime clock;
    private final HitLog log;
    private final Consumer<byte[]> out;
    private double connectedAt = Double.NaN;
    private long lastSent;
    private IDelayedCall next;

    /** Pushes hits from {@code log} to {@code out}, timed by {@code clock}. */
    ClientPushes(IReactorTime clock, HitLog log, Consumer<byte[]> out) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The client connected now: remember when and where the log stood, push, and plan the next push. */
    void start() {
        connectedAt = clock.seconds();
        lastSent = log.lastSequence();
        push();
    }

    /** The client is gone: no more pushes. */
    void stop() {
        if (next != null && next.active()) {
            next.cancel();
        }
        next = null;
    }

    /** When the client connected, in {@link IReactorTime#seconds()} terms (NaN before {@link #start()}). */
    double connectedAt() {
        return connectedAt;
    }

    private void push() {
        List<HitLog.Hit> fresh = log.after(lastSent);
        if (!fresh.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (HitLog.Hit h : fresh) {
                sb.append(h.record().toXml());
            }
            lastSent = fresh.get(fresh.size() - 1).sequence();
            out.accept(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        next = clock.callLater(PUSH_INTERVAL, this::push);
    }
}
