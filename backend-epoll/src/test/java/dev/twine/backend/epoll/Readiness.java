package dev.twine.backend.epoll;

import dev.twine.spi.Poller;
import dev.twine.spi.SelectableHandle;
import dev.twine.testfixtures.Polls;

import java.io.IOException;
import java.util.Map;

/**
 * The epoll mechanism tests' view of the shared {@link Polls}: they register every handle under its
 * descriptor number as the token ({@link #token}), so a handle is enough to find its report.
 */
final class Readiness {

    private final Map<Long, Polls.Report> reports;

    private Readiness(Map<Long, Polls.Report> reports) {
        this.reports = reports;
    }

    /** The token these tests register {@code handle} under: its descriptor number. */
    static long token(SelectableHandle handle) {
        return handle.fileno();
    }

    /** One poll; fails if a token is reported twice (see {@link Polls#once}). */
    static Readiness poll(Poller<?> poller, long timeoutNanos) throws IOException {
        return new Readiness(Polls.once(poller, timeoutNanos));
    }

    /** The bits {@code handle} was reported with, or null. */
    Integer of(SelectableHandle handle) {
        Polls.Report r = reports.get(token(handle));
        return r == null ? null : r.ops();
    }

    /** Polls until {@code handle} is reported, and returns its bits. */
    static int awaitReady(Poller<?> poller, SelectableHandle handle) throws IOException {
        return awaitBits(poller, handle, 0);
    }

    /** Polls until {@code handle} is reported with all of {@code bits}, and returns its bits. */
    static int awaitBits(Poller<?> poller, SelectableHandle handle, int bits) throws IOException {
        return Polls.await(poller, token(handle), bits).ops();
    }
}
