package dev.twine.testing.junit;

import dev.twine.internet.IDelayedCall;
import dev.twine.internet.IFileDescriptor;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IReactor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a reactor still has to do, in words a failure message can show: its delayed calls, listening
 * ports, readers and writers. Used both for a hang (what the reactor was waiting on) and for a dirty
 * reactor (what the test left behind). Reactor thread only (or a reactor that is not running).
 */
final class PendingWork {
    private PendingWork() {
    }

    /** One line per pending thing, delayed calls first; empty when the reactor is clean. */
    static List<String> describe(IReactor reactor) {
        List<String> out = new ArrayList<>();
        for (IDelayedCall c : reactor.getDelayedCalls()) {
            out.add("pending delayed call " + c);
        }
        Set<IFileDescriptor> seen = new LinkedHashSet<>();
        for (IFileDescriptor d : reactor.getReaders()) {
            seen.add(d);
            out.add(d instanceof IListeningPort p ? "listening port " + p.getHost() + " (" + d + ")" : "reader " + d);
        }
        for (IFileDescriptor d : reactor.getWriters()) {
            if (!seen.contains(d)) {
                out.add("writer " + d);
            }
        }
        return out;
    }
}
