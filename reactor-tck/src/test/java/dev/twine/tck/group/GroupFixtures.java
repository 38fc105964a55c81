package dev.twine.tck.group;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import dev.twine.internet.group.ReactorGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the group rows share: a running group's stop, and a blocking loopback client. */
final class GroupFixtures {
    static final String LOOPBACK = "127.0.0.1";
    /** Bounded waits for a loaded two-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final int SOCKET_TIMEOUT_MILLIS = 20_000;

    private GroupFixtures() {
    }

    /** Stops {@code group} and fails the test unless every member ends within {@link #PATIENCE}. */
    static void stopAndAwait(ReactorGroup group) throws InterruptedException {
        group.stop();
        assertTrue(group.awaitTermination(PATIENCE), group + " did not end within " + PATIENCE);
    }

    /** A blocking client with a read timeout, connected to {@code port} on loopback. */
    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress(LOOPBACK, port), SOCKET_TIMEOUT_MILLIS);
        return s;
    }

    /** Sends {@code line} and a newline, and reads one line back. */
    static String exchange(Socket s, String line) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readLine(s.getInputStream());
    }

    /** Reads up to a newline (not included); fails at end of stream. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("end of stream after \"" + b + "\"");
            }
            if (c == '\n') {
                return b.toString();
            }
            b.append((char) c);
        }
    }

    /**
     * The ownership rule (semantics.md §5.1) as a check: the first callback fixes the owner thread, and every
     * later one that runs on another thread is recorded in {@code violations}. One per protocol.
     */
    static final class OwnerThread {
        private final List<String> violations;
        private Thread owner;

        OwnerThread(List<String> violations) {
            this.violations = violations;
        }

        void check(String callback) {
            Thread t = Thread.currentThread();
            if (owner == null) {
                owner = t;
            } else if (owner != t) {
                violations.add(callback + " ran on " + t.getName() + ", owner " + owner.getName());
            }
        }
    }

    /**
     * A server protocol that answers every line with the name of the thread it runs on, from a timer it
     * schedules on its own member, and records every callback (timer included) that ran on a thread other
     * than the one of its first: the ownership rule (semantics.md §5.1).
     */
    static final class ThreadReporter extends Protocol {
        private final ReactorGroup group;
        private final Map<String, Integer> perThread;
        private final OwnerThread owner;

        ThreadReporter(ReactorGroup group, Map<String, Integer> perThread, List<String> violations) {
            this.group = group;
            this.perThread = perThread;
            this.owner = new OwnerThread(violations);
        }

        private void check(String callback) {
            owner.check(callback);
        }

        @Override
        public void connectionMade() {
            check("connectionMade");
            perThread.merge(Thread.currentThread().getName(), 1, Integer::sum);
        }

        @Override
        public void dataReceived(byte[] data) {
            check("dataReceived");
            group.currentMember().callLater(0, () -> {
                check("callLater");
                transport.write((Thread.currentThread().getName() + "\n").getBytes(StandardCharsets.US_ASCII));
            });
        }

        @Override
        public void connectionLost(Failure reason) {
            check("connectionLost");
        }
    }
}
