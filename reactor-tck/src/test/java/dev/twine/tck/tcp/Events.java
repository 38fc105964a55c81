package dev.twine.tck.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered record of what happened, as short strings, so a test can assert the exact sequence of
 * callbacks with one {@code assertEquals}. Synchronized because some tests record from two reactors.
 */
public final class Events {
    private final List<String> events = new ArrayList<>();

    public synchronized void add(String event) {
        events.add(event);
    }

    public synchronized List<String> list() {
        return List.copyOf(events);
    }

    public synchronized int count(String event) {
        int n = 0;
        for (String e : events) {
            if (e.equals(event)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized String toString() {
        return events.toString();
    }
}
