package dev.twine.backend.kqueue;

import static dev.twine.spi.Poller.ERROR;
import static dev.twine.spi.Poller.HANGUP;
import static dev.twine.spi.Poller.READ;
import static dev.twine.spi.Poller.READ_HANGUP;
import static dev.twine.spi.Poller.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.spi.SocketError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the kevents of one poll become one report per token (see {@link ReadyMerge}). */
class ReadyMergeTest {
    private final ReadyMerge merge = new ReadyMerge();
    private final List<String> reports = new ArrayList<>();

    private int drain() {
        return merge.drainTo((token, ops, error) -> reports.add(token + ":" + ops + ":" + error));
    }

    @Test
    void theTwoFiltersOfADescriptorBecomeOneReportInFirstSeenOrder() {
        merge.add(5, 50, WRITE, null);
        merge.add(9, 90, READ, null);
        merge.add(5, 50, READ | READ_HANGUP | HANGUP | ERROR, SocketError.ECONNRESET);
        assertEquals(2, drain());
        assertEquals(List.of("50:" + (WRITE | READ | READ_HANGUP | HANGUP | ERROR) + ":ECONNRESET", "90:" + READ + ":null"),
                reports);
    }

    @Test
    void theTableIsEmptyAfterADrain() {
        merge.add(5, 50, READ, null);
        drain();
        reports.clear();
        assertEquals(0, drain());
        merge.add(5, 51, WRITE, null);
        drain();
        assertEquals(List.of("51:" + WRITE + ":null"), reports, "a new token on the same descriptor stands alone");
    }

    @Test
    void failedAddsWaitForTheNextPoll() {
        merge.failLater(3, 30, SocketError.EBADF);
        assertEquals(1, merge.failuresWaiting());
        assertEquals(0, drain(), "not part of the poll in progress");
        merge.takeFailures();
        merge.add(3, 30, READ, null);
        drain();
        assertEquals(List.of("30:" + (ERROR | READ) + ":EBADF"), reports);
        assertEquals(0, merge.failuresWaiting());
    }

    @Test
    void descriptorsBeyondTheInitialTableAreMerged() {
        merge.add(10_000, 1, READ, null);
        merge.add(10_000, 1, WRITE, null);
        assertEquals(1, drain());
        assertEquals(List.of("1:" + (READ | WRITE) + ":null"), reports);
    }
}
