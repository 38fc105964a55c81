package dev.twine.examples.weblog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent {@link #CAPACITY} hits, each stamped when it arrived.
 *
 * <p>Arrival is recorded as the reactor time and as a sequence number; clients ask for "everything
 * after what I was last sent" by sequence number, which orders hits exactly even when several arrive
 * within the same clock tick.
 *
 * <p>Threading: reactor thread only.
 */
final class HitLog {
    /** How many hits are kept. */
    static final int CAPACITY = 100;

    /** One hit and when it arrived. */
    record Hit(long sequence, double arrivedAt, AccessLogRecord record) {
    }

    private final ArrayDeque<Hit> hits = new ArrayDeque<>();
    private long lastSequence;

    /** Adds a hit that arrived at {@code now}, forgetting the oldest beyond the capacity. */
    void add(AccessLogRecord record, double now) {
        hits.addLast(new Hit(++lastSequence, now, record));
        while (hits.size() > CAPACITY) {
            hits.removeFirst();
        }
    }

    /** Hits with a sequence number above {@code sequence}, oldest first. */
    List<Hit> after(long sequence) {
        List<Hit> out = new ArrayList<>();
        for (Hit h : hits) {
            if (h.sequence() > sequence) {
                out.add(h);
            }
        }
        return out;
    }

    /** The sequence number of the latest hit (0 before the first). */
    long lastSequence() {
        return lastSequence;
    }

    int size() {
        return hits.size();
    }
}
