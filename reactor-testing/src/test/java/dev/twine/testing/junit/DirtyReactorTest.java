package dev.twine.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The dirty-reactor check and the deadline, specified by running small test classes through the JUnit
 * engine and reading what it reports. The nested classes are those specimens; Surefire skips nested
 * classes, so they run only from here.
 */
class DirtyReactorTest {
    private static final String SPECIMEN = "dev.twine.testing.junit.DirtyReactorTest#specimensRunning";
    private static final List<ServerSocketChannel> LEAKED = new ArrayList<>();
    /** The specimens run only inside {@link #run}, never when a test filter happens to select them. */
    private static volatile boolean specimensRunning;

    static boolean specimensRunning() {
        return specimensRunning;
    }

    @AfterAll
    static void closeTheSocketsTheLeakSpecimenLeft() throws IOException {
        for (ServerSocketChannel c : LEAKED) {
            c.close();
        }
    }

    private static Events run(Class<?> specimen) {
        specimensRunning = true;
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(specimen)).execute().testEvents();
        } finally {
            specimensRunning = false;
        }
    }

    /** The failure messages, one per failed invocation. */
    private static List<String> failures(Events events) {
        List<String> out = new ArrayList<>();
        for (Event e : events.failed().list()) {
            Throwable t = e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
            out.add(t.getMessage());
        }
        return out;
    }

    private static int backends() {
        return Reactors.availableBackends().size();
    }

    @EnabledIf(SPECIMEN)
    static class LeavesACallLater {
        @EveryBackend
        void schedulesAndForgets(ReactorFixture fixture) {
            fixture.reactor().callLater(60, () -> {
            });
        }
    }

    @Test
    void aPendingCallLaterFailsTheTestNamingTheCall() {
        Events events = run(LeavesACallLater.class);
        List<String> messages = failures(events);
        assertEquals(backends(), messages.size());
        for (String m : messages) {
            assertTrue(m.contains("not left clean"), m);
            assertTrue(m.contains("pending delayed call <DelayedCall pending in"), m);
            assertTrue(m.contains("LeavesACallLater"), m);
        }
    }

    @EnabledIf(SPECIMEN)
    static class FailsAnAssertion {
        @EveryBackend
        void comparesWrongly(ReactorFixture fixture) {
            assertEquals("expected", "actual", "a plain assertion");
        }
    }

    @Test
    void aFailedAssertionNamesTheBackendInItsMessage() {
        List<String> messages = failures(run(FailsAnAssertion.class));
        assertEquals(backends(), messages.size());
        for (String m : messages) {
            assertTrue(m.matches("(?s)\\[[a-z-]+\\] a plain assertion ==> expected: <expected> but was: <actual>"), m);
        }
    }

    @EnabledIf(SPECIMEN)
    static class LeavesAListeningPort {
        @EveryBackend
        void listensAndForgets(ReactorFixture fixture) {
            fixture.reactor().listenTCP(0, Factory.forProtocol(Protocol::new), 50, "127.0.0.1");
        }
    }

    @Test
    void aListeningPortLeftOpenFailsTheTestAndIsClosed() {
        List<String> messages = failures(run(LeavesAListeningPort.class));
        assertEquals(backends(), messages.size());
        for (String m : messages) {
            assertTrue(m.contains("left behind: listening port IPv4Address(type='TCP', host='127.0.0.1'"), m);
            assertFalse(m.contains("descriptors opened"), "the check closes what it reports: " + m);
        }
    }

    @EnabledIf(SPECIMEN)
    static class LeavesAnUnhandledFailure {
        @EveryBackend
        void failsADeferredNobodyHandles() {
            Deferred.fail(new IllegalStateException("nobody handled me"));
        }
    }

    @Test
    void anUnhandledDeferredFailureFailsTheTest() {
        List<String> messages = failures(run(LeavesAnUnhandledFailure.class));
        assertEquals(backends(), messages.size());
        for (String m : messages) {
            assertTrue(m.contains("Unhandled error in Deferred"), m);
            assertTrue(m.contains("nobody handled me"), m);
        }
    }

    @EnabledIf(SPECIMEN)
    static class LogsAnError {
        @EveryBackend
        void aTimedCallThrows(ReactorFixture fixture) throws Exception {
            fixture.reactor().callLater(0, () -> {
                throw new IllegalArgumentException("thrown inside the reactor");
            });
            Deferred<Void> later = new Deferred<>();
            fixture.reactor().callLater(0.01, () -> later.callback(null));
            fixture.runUntil(later);
        }
    }

    @Test
    void anErrorLoggedThroughTheReactorFailsTheTest() {
        List<String> messages = failures(run(LogsAnError.class));
        assertEquals(backends(), messages.size());
        for (String m : messages) {
            assertTrue(m.contains("error logged: "), m);
            assertTrue(m.contains("thrown inside the reactor"), m);
        }
    }

    @EnabledIf(SPECIMEN)
    static class FlushesTheErrorItExpects {
        @EveryBackend
        void aTimedCallThrowsAndTheTestSaysSo(ReactorFixture fixture) throws Exception {
            fixture.reactor().callLater(0, () -> {
                throw new IllegalArgumentException("expected");
            });
            Deferred<Void> later = new Deferred<>();
            fixture.reactor().callLater(0.01, () -> later.callback(null));
            fixture.runUntil(later);
            assertEquals(1, fixture.flushLoggedErrors(IllegalArgumentException.class).size());
        }
    }

    @Test
    void anErrorTheTestFlushedDoesNotFailIt() {
        Events events = run(FlushesTheErrorItExpects.class);
        assertEquals(List.of(), failures(events));
        assertEquals(backends(), events.succeeded().count());
    }

    @EnabledIf(SPECIMEN)
    static class LeaksADescriptor {
        @EveryBackend
        void opensASocketAndKeepsIt() throws IOException {
            ServerSocketChannel c = ServerSocketChannel.open();
            c.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            LEAKED.add(c);
        }
    }

    @Test
    void aDescriptorOpenedAndNotClosedFailsTheTest() {
        org.junit.jupiter.api.Assumptions.assumeTrue(OpenDescriptors.supported(), "needs /proc/self/fd");
        List<String> messages = failures(run(LeaksADescriptor.class));
        assertEquals(backends(), messages.size());
        for (String m : messages) {
            assertTrue(m.contains("descriptors opened by the test and still open: [") && m.contains("socket:["), m);
        }
    }

    @EnabledIf(SPECIMEN)
    static class Hangs {
        @EveryBackend(timeout = 0.5)
        void waitsForADeferredNobodyFires(ReactorFixture fixture) throws Exception {
            fixture.reactor().callLater(60, () -> {
            });
            fixture.runUntil(new Deferred<Void>());
        }
    }

    @Test
    void aHangFailsAtTheDeadlineShowingWhatTheReactorWaitedOn() {
        List<String> messages = failures(run(Hangs.class));
        assertEquals(backends(), messages.size());
        for (String m : messages) {
            assertTrue(m.contains("still running after 0.5 s; it was waiting on:"), m);
            assertTrue(m.contains("pending delayed call <DelayedCall pending in"), m);
        }
    }

    @EnabledIf(SPECIMEN)
    static class Clean {
        @EveryBackend
        void doesNothingWrong(ReactorFixture fixture) throws Exception {
            Deferred<String> d = new Deferred<>();
            fixture.reactor().callLater(0, () -> d.callback("ok"));
            assertEquals("ok", fixture.runUntil(d));
        }
    }

    @Test
    void aCleanTestPassesOnceOnEveryBackendNamedInItsDisplayName() {
        Events events = run(Clean.class);
        assertEquals(backends(), events.succeeded().count());
        List<String> names = new ArrayList<>();
        events.succeeded().list().forEach(e -> names.add(e.getTestDescriptor().getDisplayName()));
        List<String> expected = new ArrayList<>();
        Reactors.availableBackends().forEach(b -> expected.add("[" + b.name() + "]"));
        assertEquals(expected, names);
    }

    @EnabledIf(SPECIMEN)
    static class LeavesASecondReactorDirty {
        @EveryBackend
        void schedulesOnAnotherReactor(ReactorFixture fixture) {
            fixture.buildReactor().callLater(30, () -> {
            });
        }
    }

    @Test
    void everyReactorTheTestBuiltIsCheckedAndClosed() {
        List<String> messages = failures(run(LeavesASecondReactorDirty.class));
        assertEquals(backends(), messages.size());
        for (String m : messages) {
            assertTrue(m.contains("left behind: pending delayed call <DelayedCall pending in"), m);
            assertFalse(m.contains("descriptors opened"), "the second reactor's poller is closed too: " + m);
        }
    }

    @EnabledIf(SPECIMEN)
    static class ClosesItsPortInACleanup {
        static final List<String> ORDER = new ArrayList<>();

        @EveryBackend
        void listensAndLeavesTheClosingToACleanup(ReactorFixture fixture) {
            var port = fixture.reactor().listenTCP(0, Factory.forProtocol(Protocol::new), 50, "127.0.0.1");
            fixture.addCleanup(() -> {
                ORDER.add("registered first, runs last");
                fixture.runUntil(port.stopListening());
            });
            fixture.addCleanup(() -> ORDER.add("registered second, runs first"));
            ORDER.clear();
        }
    }

    @Test
    void cleanupsRunMostRecentFirstBeforeTheCheck() {
        Events events = run(ClosesItsPortInACleanup.class);
        assertEquals(List.of(), failures(events));
        assertEquals(backends(), events.succeeded().count());
        assertEquals(List.of("registered second, runs first", "registered first, runs last"), ClosesItsPortInACleanup.ORDER);
    }

    @EnabledIf(SPECIMEN)
    static class ReportsUnavailableBackends {
        @EveryBackend(reportUnavailable = true)
        void runsWhereItCan() {
        }
    }

    @Test
    void unavailableBackendsCanBeReportedAsSkippedWithTheirReason() {
        Events events = run(ReportsUnavailableBackends.class);
        int unavailable = Reactors.registeredBackends().size() - backends();
        assertEquals(backends(), events.succeeded().count());
        assertEquals(unavailable, events.aborted().count());
        for (Event e : events.aborted().list()) {
            String reason = e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
            assertTrue(reason.contains("backend unavailable: "), reason);
        }
    }

    @Test
    void aBackendThatIsNotAvailableCannotBeSelected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Backends.selected(EveryBackendExtension.PROPERTY, "nosuch", false));
        assertTrue(e.getMessage().contains("not available here: [nosuch]"), e.getMessage());
    }
}
