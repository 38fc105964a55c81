package dev.twine.testfixtures;

import dev.twine.spi.Poller;
import dev.twine.spi.SocketError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives any backend's {@link Poller} directly and records what it reports, checking on every poll the
 * two rules every test relies on (see {@link Poller}'s class comment): a token is reported at most once
 * per poll, and {@code poll} returns the number of reports it made.
 *
 * <p>Reactor-thread rules apply: call these on the thread that owns the poller (the test thread).
 */
public final class Polls {
    /** How long one poll of {@link #await} may block: short, so the deadline is checked often. */
    private static final long SLICE_NANOS = 10_000_000L;

    private Polls() {
    }

    /** One report: a token, its ready bits and the error delivered with them. */
    public record Report(long token, int ops, SocketError error) {
        @Override
        public String toString() {
            return token + "=" + names(ops) + (error == null ? "" : "(" + error + ")");
        }
    }

    /**
     * One poll of at most {@code timeoutNanos}; the reports by token, in the order made.
     *
     * @throws AssertionError if a token is reported twice, or the count returned disagrees with the reports
     */
    public static Map<Long, Report> once(Poller<?> poller, long timeoutNanos) throws IOException {
        Map<Long, Report> reports = new LinkedHashMap<>();
        int n = poller.poll(timeoutNanos, (token, ops, error) -> {
            Report before = reports.put(token, new Report(token, ops, error));
            if (before != null) {
                throw new AssertionError("token " + token + " reported twice in one poll: " + before
                        + " and " + names(ops));
            }
        });
        if (n != reports.size()) {
            throw new AssertionError("poll returned " + n + " but reported " + reports.values());
        }
        return reports;
    }

    /**
     * Polls until {@code token} is reported with at least {@code bits}, and returns that report.
     *
     * @throws AssertionError after {@link Await#PATIENCE}, naming the last bits seen for the token
     */
    public static Report await(Poller<?> poller, long token, int bits) throws IOException {
        Report[] last = {null};
        try {
            return Await.until("token " + token + " with " + names(bits), () -> {
                Report r = once(poller, SLICE_NANOS).get(token);
                if (r != null) {
                    last[0] = r;
                }
                return r != null && (r.ops() & bits) == bits ? r : null;
            });
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; last report: "
                    + (last[0] == null ? "none" : last[0]), timedOut);
        }
    }

    /** The names of the ready bits in {@code ops}, e.g. {@code "READ|WRITE"}, for messages. */
    public static String names(int ops) {
        String[] names = {"READ", "WRITE", "HANGUP", "ERROR", "READ_HANGUP"};
        int[] bits = {Poller.READ, Poller.WRITE, Poller.HANGUP, Poller.ERROR, Poller.READ_HANGUP};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bits.length; i++) {
            if ((ops & bits[i]) != 0) {
                b.append(b.length() == 0 ? "" : "|").append(names[i]);
            }
        }
        return b.length() == 0 ? "0" : b.toString();
    }
}
