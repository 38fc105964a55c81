package dev.twine.tck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.IReactor;
import dev.twine.internet.IReactorProcess;
import dev.twine.internet.ProcessProtocol;
import dev.twine.internet.error.ProcessDone;
import dev.twine.internet.error.ProcessExitedAlready;
import dev.twine.internet.error.ProcessTerminated;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.testfixtures.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child processes (semantics.md §10, Twisted's {@code IReactorProcess} and
 * {@code twisted/internet/test/test_process.py} {@code ProcessTestsBuilder}): real children made with
 * {@code /bin/sh}, {@code cat}, {@code pwd} and {@code sleep}, whose output, exit status and pipe ends reach
 * the protocol on every backend (the pipes are served by threads that wake the reactor).
 */
class ProcessTest {
    private static final double TIMEOUT = 60;

    @TempDir
    Path dir;

    /** Records everything a child does; stops the reactor when it has ended. */
    private static class Recorder extends ProcessProtocol {
        final IReactor reactor;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final List<String> ends = new ArrayList<>();
        Failure exited;
        Failure ended;
        Long pidAtEnd = -1L;

        Recorder(IReactor reactor) {
            this.reactor = reactor;
        }

        @Override
        public void outReceived(byte[] data) {
            out.writeBytes(data);
        }

        @Override
        public void errReceived(byte[] data) {
            err.writeBytes(data);
        }

        @Override
        public void inConnectionLost() {
            ends.add("in");
        }

        @Override
        public void outConnectionLost() {
            ends.add("out");
        }

        @Override
        public void errConnectionLost() {
            ends.add("err");
        }

        @Override
        public void processExited(Failure reason) {
            exited = reason;
            ends.add("exited");
        }

        @Override
        public void processEnded(Failure reason) {
            ended = reason;
            pidAtEnd = transport.pid();
            ends.add("ended");
            reactor.stop();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Spawns {@code argv} once the reactor runs, and runs it until the child has ended. */
    private static void run(ReactorBuilder builder, IReactor reactor, ProcessProtocol protocol, List<String> argv,
            Map<String, String> env, String path) {
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase().contains("windows"),
                "the children are POSIX programs (/bin/sh, cat, pwd, sleep)");
        builder.needsRunningReactor(reactor, () -> ((IReactorProcess) reactor).spawnProcess(protocol, argv.get(0),
                argv, env, path));
        builder.runReactor(reactor, TIMEOUT);
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    @ReactorTest
    void outputErrorAndAFailingExitReachTheProtocolAndEndedComesLast(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Recorder child = new Recorder(reactor);
        run(builder, reactor, child, sh("printf out; printf err >&2; exit 3"), null, null);

        assertEquals("out", child.out());
        assertEquals("err", child.err());
        assertEquals(3, assertInstanceOf(ProcessTerminated.class, child.exited.value()).exitCode);
        assertEquals(3, assertInstanceOf(ProcessTerminated.class, child.ended.value()).exitCode);
        assertEquals(5, child.ends.size(), child.ends.toString());
        assertTrue(child.ends.containsAll(List.of("in", "out", "err", "exited")), child.ends.toString());
        assertEquals("ended", child.ends.get(4), "processEnded comes after every pipe and the exit");
        assertNull(child.pidAtEnd, "an exited child has no pid");
    }

    @ReactorTest
    void standardInputReachesTheChildAndClosingItLetsCatFinish(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Recorder child = new Recorder(reactor) {
            @Override
            public void connectionMade() {
                assertNotNull(transport.pid());
                transport.write("hello ".getBytes(StandardCharsets.US_ASCII));
                transport.writeToChild(0, "world".getBytes(StandardCharsets.US_ASCII));
                transport.closeStdin();
            }
        };
        run(builder, reactor, child, List.of("cat"), null, null);

        assertEquals("hello world", child.out());
        assertInstanceOf(ProcessDone.class, child.ended.value());
    }

    @ReactorTest
    void theEnvironmentAndWorkingDirectoryAreExactlyTheOnesGiven(ReactorBuilder builder) throws java.io.IOException {
        IReactor reactor = builder.buildReactor();
        Recorder child = new Recorder(reactor);
        // As in Twisted, a given environment is the whole environment: HOME is not inherited.
        run(builder, reactor, child, sh("printf '%s|%s|' \"$TWINE_VALUE\" \"$HOME\"; pwd"),
                Map.of("TWINE_VALUE", "given", "PATH", "/usr/bin:/bin"), dir.toString());

        assertEquals("given||" + dir.toRealPath().toString() + "\n", child.out());
    }

    @ReactorTest
    void killEndsAChildThatWouldRunOnAndAnExitedChildCannotBeSignalled(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        List<Throwable> late = new ArrayList<>();
        Recorder child = new Recorder(reactor) {
            @Override
            public void connectionMade() {
                late.add(assertThrows(UnsupportedOperationException.class, () -> transport.signalProcess("HUP")));
                transport.signalProcess("KILL");
            }

            @Override
            public void processEnded(Failure reason) {
                late.add(assertThrows(ProcessExitedAlready.class, () -> transport.signalProcess("TERM")));
                super.processEnded(reason);
            }
        };
        run(builder, reactor, child, List.of("sleep", "60"), null, null);

        // Java reports a child SIGKILL ended as exit value 128 + 9 (ProcessTerminated's comment).
        assertEquals(137, assertInstanceOf(ProcessTerminated.class, child.ended.value()).exitCode);
        assertEquals(2, late.size());
    }

    @ReactorTest
    void aProgramThatCannotStartIsRefusedNamingIt(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        String missing = dir.resolve("no-such-program").toString();
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> ((IReactorProcess) reactor)
                .spawnProcess(new ProcessProtocol(), missing, List.of(missing), null, null));
        assertTrue(refused.getMessage().contains(missing), refused.getMessage());
    }

    @ReactorTest
    void anExceptionFromACallbackIsLoggedAndTheChildIsServedToTheEnd(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        Recorder child = new Recorder(reactor) {
            @Override
            public void outReceived(byte[] data) {
                super.outReceived(data);
                throw new IllegalStateException("boom in outReceived");
            }
        };
        try (LogCapture log = LogCapture.of("dev.twine.internet.process")) {
            run(builder, reactor, child, sh("printf first"), null, null);
            assertTrue(log.containing("exception in childDataReceived").size() >= 1, log.records().toString());
        }
        assertEquals("first", child.out());
        assertInstanceOf(ProcessDone.class, child.ended.value());
    }
}
