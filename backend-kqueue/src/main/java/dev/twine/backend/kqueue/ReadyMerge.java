package dev.twine.backend.kqueue;

import dev.twine.spi.Poller;
import dev.twine.spi.Poller.ReadySink;
import dev.twine.spi.ReadyBatch;
import dev.twine.spi.SocketError;

import java.util.Arrays;

/**
 * Merges the kevents of one {@link KqueuePoller#poll} into one report per token. kqueue returns the read
 * and write filters of a descriptor as separate events, in no promised order, while the poller contract
 * reports each token once per poll with all its bits together; this table finds a descriptor's report by
 * descriptor number (small and dense, so an array index, not a map) and reports them in the order they
 * first came.
 *
 * <p>Scratch state for one poll only: it is empty between polls. Failed adds found by a flush outside a
 * poll (a full change list, a deregistration, possibly from inside a callback of this very poll) wait in a
 * separate list until the next poll takes them in ({@link #failLater}, {@link #takeFailures}). Nothing is
 * allocated once the arrays have grown. Reactor thread only.
 */
final class ReadyMerge {
    private final ReadyBatch reports = new ReadyBatch(64);
    /** By report: its descriptor. */
    private int[] fds = new int[64];
    /** By descriptor: 1 + the index of its report in this poll, or 0. */
    private int[] reportByFd = new int[64];
    private final ReadyBatch failures = new ReadyBatch(8);
    private int[] failedFds = new int[8];

    /** Adds {@code readyBits} (and an error, if any) for the descriptor {@code ident} and its token. */
    void add(long ident, long token, int readyBits, SocketError error) {
        int fd = (int) ident;
        if (fd >= reportByFd.length) {
            reportByFd = Arrays.copyOf(reportByFd, Math.max(fd + 1, reportByFd.length * 2));
        }
        int index = reportByFd[fd] - 1;
        if (index >= 0 && reports.token(index) == token) {
            reports.merge(index, readyBits, error);
            return;
        }
        index = reports.add(token, readyBits, error);
        fds = grownFor(fds, index);
        fds[index] = fd;
        reportByFd[fd] = index + 1;
    }

    /** Records a failed add, to be reported as {@code ERROR} by the next poll. */
    void failLater(long ident, long token, SocketError error) {
        int index = failures.add(token, Poller.ERROR, error);
        failedFds = grownFor(failedFds, index);
        failedFds[index] = (int) ident;
    }

    /** Failed adds waiting for the next poll; the poll must not block while there are any. */
    int failuresWaiting() {
        return failures.size();
    }

    /** Moves the waiting failed adds into this poll's reports. */
    void takeFailures() {
        for (int i = 0; i < failures.size(); i++) {
            add(failedFds[i], failures.token(i), failures.ops(i), failures.error(i));
        }
        failures.clear();
    }

    /**
     * Reports everything gathered to {@code sink} and empties the table. Callbacks run by the sink never
     * add to it: what they cause reaches {@link #failLater} instead.
     *
     * @return the number of reports made
     */
    int drainTo(ReadySink sink) {
        for (int i = 0; i < reports.size(); i++) {
            reportByFd[fds[i]] = 0;
        }
        return reports.drainTo(sink);
    }

    /** Drops everything (the poller is closing). */
    void clear() {
        Arrays.fill(reportByFd, 0);
        reports.clear();
        failures.clear();
    }

    private static int[] grownFor(int[] array, int index) {
        return index < array.length ? array : Arrays.copyOf(array, array.length * 2);
    }
}
