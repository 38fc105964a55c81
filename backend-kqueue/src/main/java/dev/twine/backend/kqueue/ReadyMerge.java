package dev.twine.backend.kqueue;

import dev.twine.spi.Poller;
import dev.twine.spi.Poller.ReadySink;
import dev.twine.spi.SocketError;

import java.util.Arrays;

/**
 * Merges the kevents of one {@link KqueuePoller#poll} into one report per token. kqueue returns the read
 * and write filters of a descriptor as separate events, in no promised order, while the poller contract
 * reports each token once per poll with all its bits together; this table gathers them by descriptor
 * number (small and dense, so an array index, not a map) and reports them in the order they first came.
 *
 * <p>Scratch state for one poll only: it is empty between polls. Failed adds found by a flush outside a
 * poll (a full change list, a deregistration, possibly from inside a callback of this very poll) wait in a
 * separate list until the next poll takes them in ({@link #failLater}, {@link #takeFailures}). Nothing is
 * allocated once the arrays have grown. Reactor thread only.
 */
final class ReadyMerge {
    /** By descriptor: 1 + the entry index gathered for it in this poll, or 0. */
    private int[] entryByFd = new int[64];
    private int[] fds = new int[64];
    private long[] tokens = new long[64];
    private int[] bits = new int[64];
    private SocketError[] errors = new SocketError[64];
    private int count;
    private long[] failedIdents = new long[8];
    private long[] failedTokens = new long[8];
    private SocketError[] failedErrors = new SocketError[8];
    private int failedCount;

    /** Adds {@code readyBits} (and an error, if any) for the descriptor {@code ident} and its token. */
    void add(long ident, long token, int readyBits, SocketError error) {
        int fd = (int) ident;
        if (fd >= entryByFd.length) {
            entryByFd = Arrays.copyOf(entryByFd, Math.max(fd + 1, entryByFd.length * 2));
        }
        int entry = entryByFd[fd] - 1;
        if (entry >= 0 && tokens[entry] == token) {
            bits[entry] |= readyBits;
            if (errors[entry] == null) {
                errors[entry] = error;
            }
            return;
        }
        if (count == fds.length) {
            int size = count * 2;
            fds = Arrays.copyOf(fds, size);
            tokens = Arrays.copyOf(tokens, size);
            bits = Arrays.copyOf(bits, size);
            errors = Arrays.copyOf(errors, size);
        }
        fds[count] = fd;
        tokens[count] = token;
        bits[count] = readyBits;
        errors[count] = error;
        entryByFd[fd] = ++count;
    }

    /** Entries gathered so far. */
    int count() {
        return count;
    }

    /** Records a failed add, to be reported as {@code ERROR} by the next poll. */
    void failLater(long ident, long token, SocketError error) {
        if (failedCount == failedIdents.length) {
            int size = failedCount * 2;
            failedIdents = Arrays.copyOf(failedIdents, size);
            failedTokens = Arrays.copyOf(failedTokens, size);
            failedErrors = Arrays.copyOf(failedErrors, size);
        }
        failedIdents[failedCount] = ident;
        failedTokens[failedCount] = token;
        failedErrors[failedCount] = error;
        failedCount++;
    }

    /** Failed adds waiting for the next poll; the poll must not block while there are any. */
    int failuresWaiting() {
        return failedCount;
    }

    /** Moves the waiting failed adds into this poll's entries, as {@code ERROR} with their error. */
    void takeFailures() {
        for (int i = 0; i < failedCount; i++) {
            add(failedIdents[i], failedTokens[i], Poller.ERROR, failedErrors[i]);
            failedErrors[i] = null;
        }
        failedCount = 0;
    }

    /**
     * Reports every entry to {@code sink} and empties the table. Callbacks run by the sink never add to
     * it: what they cause reaches {@link #failLater} instead.
     *
     * @return the number of reports made
     */
    int drainTo(ReadySink sink) {
        int n = count;
        for (int i = 0; i < n; i++) {
            entryByFd[fds[i]] = 0;
        }
        count = 0;
        for (int i = 0; i < n; i++) {
            SocketError error = errors[i];
            errors[i] = null;
            sink.ready(tokens[i], bits[i], error);
        }
        return n;
    }

    /** Drops everything (the poller is closing). */
    void clear() {
        Arrays.fill(entryByFd, 0);
        Arrays.fill(errors, null);
        count = 0;
        failedCount = 0;
    }
}
