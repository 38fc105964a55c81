package dev.twine.defer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With debugging on, AlreadyCalledError names where the Deferred was created (" C:" lines) and where it
 * was first fired (" I:" lines), but not the second firing (Twisted's AlreadyCalledTests).
 */
class AlreadyCalledDebugTest {
    private boolean wasDebugging;

    @BeforeEach
    void debuggingOn() {
        wasDebugging = Deferred.getDebugging();
        Deferred.setDebugging(true);
    }

    @AfterEach
    void restoreDebugging() {
        Deferred.setDebugging(wasDebugging);
        UnhandledFailures.assertNone();
    }

    private static void call1(Deferred<String> d) {
        d.callback("hello");
    }

    private static void call2(Deferred<String> d) {
        d.callback("twice");
    }

    private static void err1(Deferred<String> d) {
        d.errback(new RuntimeException());
    }

    private static void err2(Deferred<String> d) {
        d.errback(new RuntimeException());
    }

    private static Deferred<String> handled() {
        Deferred<String> d = new Deferred<>();
        d.addCallbacks(r -> r, f -> null);
        return d;
    }

    /** Counts lines starting with " C:" or " I:" that mention {@code method}. */
    private static long count(String prefix, String method, String message) {
        List<String> lines = Arrays.asList(message.split("\n"));
        return lines.stream().filter(l -> l.startsWith(" " + prefix + ":"))
                .filter(l -> l.contains("." + method + "(")).count();
    }

    private static void check(AlreadyCalledError e, String creator, String invoker1, String invoker2) {
        String m = e.getMessage();
        assertEquals(1, count("C", creator, m), m);
        for (String helper : List.of("call1", "call2", "err1", "err2")) {
            assertEquals(0, count("C", helper, m), m);
        }
        assertEquals(1, count("I", invoker1, m), m);
        assertEquals(0, count("I", invoker2, m), m);
    }

    @Test
    void callbackThenCallbackNamesCreatorAndFirstInvoker() {
        Deferred<String> d = handled();
        call1(d);
        check(assertThrows(AlreadyCalledError.class, () -> call2(d)),
                "callbackThenCallbackNamesCreatorAndFirstInvoker", "call1", "call2");
    }

    @Test
    void callbackThenErrbackNamesCreatorAndFirstInvoker() {
        Deferred<String> d = handled();
        call1(d);
        check(assertThrows(AlreadyCalledError.class, () -> err2(d)),
                "callbackThenErrbackNamesCreatorAndFirstInvoker", "call1", "err2");
    }

    @Test
    void errbackThenCallbackNamesCreatorAndFirstInvoker() {
        Deferred<String> d = handled();
        err1(d);
        check(assertThrows(AlreadyCalledError.class, () -> call2(d)),
                "errbackThenCallbackNamesCreatorAndFirstInvoker", "err1", "call2");
    }

    @Test
    void errbackThenErrbackNamesCreatorAndFirstInvoker() {
        Deferred<String> d = handled();
        err1(d);
        check(assertThrows(AlreadyCalledError.class, () -> err2(d)),
                "errbackThenErrbackNamesCreatorAndFirstInvoker", "err1", "err2");
    }

    @Test
    void withoutDebuggingTheMessageIsEmpty() {
        Deferred.setDebugging(false);
        Deferred<String> d = handled();
        call1(d);
        assertNull(assertThrows(AlreadyCalledError.class, () -> call2(d)).getMessage());
    }

    @Test
    void debuggingMayBeSwitchedWhileDeferredsExist() {
        // testSwitchDebugging.
        Deferred.setDebugging(false);
        Deferred<Object> d = new Deferred<>();
        d.addBoth(ignored -> null);
        Deferred.setDebugging(true);
        d.callback(null);

        Deferred.setDebugging(false);
        Deferred<Object> d2 = new Deferred<>();
        d2.callback(null);
        Deferred.setDebugging(true);
        d2.addBoth(ignored -> null);
        // Fired while debugging was off: there is no stack to show, and no crash for lack of one.
        String message = assertThrows(AlreadyCalledError.class, () -> d2.callback(null)).getMessage();
        assertEquals("", message.strip());
    }

    @Test
    void unhandledReportIncludesTheCreatorStackWhenDebugging() {
        Deferred<Object> d = new Deferred<>();
        d.errback(new IllegalStateException("debugged"));
        List<UnhandledFailures.Report> reports = UnhandledFailures.drain();
        assertEquals(1, reports.size());
        String text = reports.get(0).message();
        assertTrue(text.contains(" C:"), text);
        assertTrue(text.contains("unhandledReportIncludesTheCreatorStackWhenDebugging"), text);
        assertTrue(Arrays.stream(text.split("\n")).filter(l -> l.startsWith(" I:"))
                .collect(Collectors.joining()).contains("unhandledReportIncludesTheCreatorStackWhenDebugging"),
                text);
    }
}
