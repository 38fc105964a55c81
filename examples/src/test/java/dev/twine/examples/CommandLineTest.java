package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared command-line pieces: options, addresses, the elapsed-time format, the launcher's errors. */
class CommandLineTest {

    @Test
    void optionsTakeAValueInEitherSpellingAndTheRestIsPositional() throws UsageException {
        Args a = Args.parse(List.of("--port", "10000", "poem.txt", "--iface=::1", "--", "--not-an-option"),
                Set.of("--port", "--iface"));
        assertEquals(10000, a.port("--port", 0));
        assertEquals("::1", a.string("--iface", ""));
        assertEquals(List.of("poem.txt", "--not-an-option"), a.positional());
    }

    @Test
    void unknownOptionsMissingValuesAndBadNumbersAreUsageErrors() {
        assertThrows(UsageException.class, () -> Args.parse(List.of("--bogus", "1"), Set.of("--port")));
        assertThrows(UsageException.class, () -> Args.parse(List.of("--port"), Set.of("--port")));
        assertThrows(UsageException.class, () -> Args.parse(List.of("--port", "x"), Set.of("--port")).port("--port", 0));
        assertThrows(UsageException.class, () -> Args.parse(List.of("--port", "70000"), Set.of("--port")).port("--port", 0));
        assertThrows(UsageException.class, () -> Args.parse(List.of("--delay", "-1"), Set.of("--delay")).seconds("--delay", 0));
        assertThrows(UsageException.class, () -> Args.parse(List.of("--delay", "NaN"), Set.of("--delay")).seconds("--delay", 0));
        assertThrows(UsageException.class, () -> Args.parse(List.of("a", "b"), Set.of()).single("file"));
    }

    @Test
    void aBarePortMeansLoopbackAndHostsAndIpv6LiteralsAreAccepted() throws UsageException {
        assertEquals(new HostPort("127.0.0.1", 10000), HostPort.parse("10000"));
        assertEquals(new HostPort("example.org", 80), HostPort.parse("example.org:80"));
        assertEquals(new HostPort("::1", 10001), HostPort.parse("[::1]:10001"));
        assertEquals("[::1]:10001", HostPort.parse("[::1]:10001").toString());
        assertEquals(new IPv4Address("TCP", "127.0.0.1", 5), HostPort.parse("5").asAddress());
        assertEquals(new IPv6Address("TCP", "::1", 5), HostPort.parse("[::1]:5").asAddress());
        for (String bad : List.of("", "host:", "host:0", "host:99999", "::1:80", "[::1]80", "port")) {
            assertThrows(UsageException.class, () -> HostPort.parse(bad), bad);
        }
    }

    @Test
    void elapsedTimeIsPythonsTimedeltaWithAlwaysSixDigitsOfMicroseconds() {
        assertEquals("0:00:10.134220", Elapsed.format(Duration.ofNanos(10_134_220_999L)));
        assertEquals("0:00:00.000000", Elapsed.format(Duration.ZERO));
        assertEquals("1:01:01.000001", Elapsed.format(Duration.ofSeconds(3661).plusNanos(1_000)));
        assertEquals("27:46:40.000000", Elapsed.format(Duration.ofSeconds(100_000)));
    }

    @Test
    void theLauncherListsItsProgramsAndRejectsBadCommandLinesWithStatusTwo() {
        assertEquals(2, Launcher.run(new String[0]));
        assertEquals(2, Launcher.run(new String[] {"no-such-program"}));
        assertEquals(2, Launcher.run(new String[] {"poetry-server", "--port", "10000"}));
        assertEquals(2, Launcher.run(new String[] {"get-poetry"}));
        assertEquals(2, Launcher.run(new String[] {"slowpoetry", "--num-bytes", "0", "poem.txt"}));
        assertEquals(2, Launcher.run(new String[] {"fib-server", "--port", "0"}));
        assertEquals(0, Launcher.run(new String[] {"echo-client", "--help"}));
        assertTrue(Launcher.PROGRAMS.keySet().containsAll(List.of("poetry-server", "slowpoetry", "get-poetry-raw",
                "get-poetry", "get-poetry-deferred", "broadcast-server", "echo-client", "weblog-server",
                "fib-server", "line-server")));
        assertFalse(Launcher.PROGRAMS.isEmpty());
    }

    @Test
    void aGroupListensOnlyOnADescriptionOfOneSharedPort() {
        UsageException e = assertThrows(UsageException.class, () -> dev.twine.examples.broadcast.BroadcastServer.main(
                List.of("--reactors", "2", "--listen", "unix:/tmp/twine-broadcast-never-bound.sock")));
        assertTrue(e.getMessage().contains("--listen takes a tcp: or ssl: description"), e.getMessage());
        assertTrue(e.getMessage().contains("unix:/tmp/twine-broadcast-never-bound.sock"), e.getMessage());
    }
}
