package dev.twine.defer;

import static dev.twine.defer.DeferredTesting.failureResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testfixtures.LogCapture;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures at the end of a chain are reported deterministically ({@link UnhandledFailures}) and, failing
 * that, when the Deferred is garbage-collected (Twisted's LogTests, and Twine's decision on #5469).
 */
class UnhandledFailuresTest {
    private LogCapture log;

    @BeforeEach
    void startClean() {
        UnhandledFailures.drain();
        log = LogCapture.of(UnhandledFailures.LOGGER_NAME);
    }

    @AfterEach
    void stopCapturing() {
        log.close();
        UnhandledFailures.assertNone();
    }

    @Test
    void chainEndingInFailureIsPendingUntilAnErrbackHandlesIt() {
        Deferred<Object> d = new Deferred<>();
        d.errback(new IllegalStateException("pending"));
        List<UnhandledFailures.Report> pending = UnhandledFailures.pending();
        assertEquals(1, pending.size());
        assertEquals("pending", pending.get(0).failure().getErrorMessage());
        assertTrue(pending.get(0).deferred().startsWith("Deferred@"));

        d.addErrback(f -> null);
        assertEquals(0, UnhandledFailures.count());
    }

    @Test
    void callbackThatFailsLaterRegistersAgain() {
        Deferred<String> d = Deferred.succeed("fine");
        assertEquals(0, UnhandledFailures.count());
        d.addCallback(s -> {
            throw new IllegalArgumentException("later");
        });
        assertEquals(1, UnhandledFailures.count());
        failureResultOf(d, IllegalArgumentException.class);
        assertEquals(0, UnhandledFailures.count());
    }

    @Test
    void successfulDeferredsNeverTouchTheRegistry() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(s -> s + "!");
        d.callback("ok");
        assertNull(d.debugInfo, "no bookkeeping object on the success path");
        assertEquals(0, UnhandledFailures.count());
    }

    @Test
    void failureMovedToAnOuterDeferredIsNoLongerTheInnersToReport() {
        // test_errorClearedByChaining / test_chainedErrorCleanup.
        Deferred<Object> bad = Deferred.fail(new RuntimeException("Whopper"));
        Deferred<Object> good = new Deferred<>();
        good.addCallback(ignored -> bad);
        good.callback(null);
        List<UnhandledFailures.Report> pending = UnhandledFailures.pending();
        assertEquals(1, pending.size(), "only the outer end of the chain is reported");
        failureResultOf(good, RuntimeException.class);
        assertEquals(0, UnhandledFailures.count());
    }

    @Test
    void failurePassedOnByChainDeferredIsReportedOnTheTargetOnly() {
        Deferred<Object> source = new Deferred<>();
        Deferred<Object> target = new Deferred<>();
        source.chainDeferred(target);
        source.errback(new RuntimeException("moved"));
        assertEquals(1, UnhandledFailures.count());
        failureResultOf(target, RuntimeException.class);
        assertEquals(0, UnhandledFailures.count());
    }

    @Test
    void reportAllLogsEachWithTheFullStackAndForgetsThem() {
        String marker = UUID.randomUUID().toString();
        Deferred<Object> a = Deferred.fail(new IllegalStateException("first " + marker));
        Deferred<Object> b = Deferred.fail(new IllegalArgumentException("second " + marker));
        assertEquals(2, UnhandledFailures.reportAll());
        List<LogRecord> records = log.containing(marker);
        assertEquals(2, records.size());
        for (LogRecord r : records) {
            assertTrue(r.getMessage().startsWith("Unhandled error in Deferred:"), r.getMessage());
            assertEquals(Level.SEVERE, r.getLevel());
        }
        assertInstanceOf(IllegalStateException.class, records.get(0).getThrown());
        assertTrue(records.get(0).getThrown().getStackTrace().length > 0);
        assertEquals(0, UnhandledFailures.count());
        assertEquals(0, UnhandledFailures.reportAll());
        // Still usable, and a failure reported once is not reported again by handling it.
        a.addErrback(f -> null);
        b.addErrback(f -> null);
    }

    @Test
    void drainHandsTheFailuresToTheCallerWithoutLogging() {
        String marker = UUID.randomUUID().toString();
        Deferred.fail(new IllegalStateException(marker));
        List<UnhandledFailures.Report> drained = UnhandledFailures.drain();
        assertEquals(1, drained.size());
        assertTrue(drained.get(0).message().contains(marker));
        assertTrue(log.containing(marker).isEmpty());
        assertEquals(0, UnhandledFailures.count());
    }

    @Test
    void assertNoneFailsListingThemAndStartsTheNextTestClean() {
        String marker = UUID.randomUUID().toString();
        IllegalStateException first = new IllegalStateException("one " + marker);
        Deferred.fail(first);
        Deferred.fail(new IllegalArgumentException("two " + marker));
        AssertionError e = assertThrows(AssertionError.class, UnhandledFailures::assertNone);
        assertTrue(e.getMessage().startsWith("2 unhandled failure(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("one " + marker));
        assertTrue(e.getMessage().contains("two " + marker));
        assertSame(first, e.getCause());
        assertEquals(1, e.getSuppressed().length);
        assertEquals(0, UnhandledFailures.count());
        UnhandledFailures.assertNone();
    }

    /** Creates a Deferred that ends in failure and drops it, so only the GC can report it. */
    private static void abandonFailingDeferred(String message) {
        Deferred<Object> d = new Deferred<>();
        d.addCallback(x -> {
            throw new IllegalStateException(message);
        });
        d.callback(null);
    }

    /** Creates a Deferred that failed and was then handled, and drops it. */
    private static void abandonHandledDeferred(String message) {
        Deferred<Object> d = Deferred.fail(new IllegalStateException(message));
        d.addErrback(f -> null);
    }

    @Test
    void abandonedFailureIsLoggedWhenTheDeferredIsGarbageCollected() throws InterruptedException {
        String marker = UUID.randomUUID().toString();
        abandonFailingDeferred("abandoned " + marker);
        abandonHandledDeferred("handled " + marker);
        assertEquals(1, UnhandledFailures.count());

        // The Cleaner runs on its own thread after a GC notices the Deferred is gone; give it a bounded
        // number of chances.
        for (int i = 0; i < 200 && log.containing("abandoned " + marker).isEmpty(); i++) {
            System.gc();
            Thread.sleep(50);
        }
        List<LogRecord> records = log.containing("abandoned " + marker);
        assertEquals(1, records.size(), "reported exactly once, at garbage collection");
        LogRecord r = records.get(0);
        assertTrue(r.getMessage().startsWith("Unhandled error in Deferred:"), r.getMessage());
        assertTrue(r.getMessage().contains("garbage-collected"), r.getMessage());
        assertEquals(Level.SEVERE, r.getLevel());
        assertInstanceOf(IllegalStateException.class, r.getThrown());
        assertEquals(0, UnhandledFailures.count(), "the collected Deferred left the registry");

        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(log.containing("handled " + marker).isEmpty(), "a handled failure is never reported");
    }

    @Test
    void failureReportedDeterministicallyIsNotReportedAgainAtGarbageCollection() throws InterruptedException {
        String marker = UUID.randomUUID().toString();
        abandonFailingDeferred("once " + marker);
        assertEquals(1, UnhandledFailures.reportAll());
        abandonFailingDeferred("probe " + marker);
        // Wait until a later abandoned Deferred is reported at GC, by which time the first one has been
        // collected too (or will never be); it must not have been logged a second time.
        for (int i = 0; i < 200 && log.containing("probe " + marker).isEmpty(); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(1, log.containing("probe " + marker).size());
        assertEquals(1, log.containing("once " + marker).size());
    }
}
