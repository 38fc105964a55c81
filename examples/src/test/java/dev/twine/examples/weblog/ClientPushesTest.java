package dev.twine.examples.weblog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.task.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One client's pushes, on a {@link Clock}: the tutorial's listing 4 timing and content. */
class ClientPushesTest {
    private final Clock clock = new Clock();
    private final HitLog log = new HitLog();

    /** Records each push with the time it was made. */
    private final class Client {
        final List<String> pushes = new ArrayList<>();
        final ClientPushes p = new ClientPushes(clock, log, bytes ->
                pushes.add(clock.seconds() + " " + new String(bytes, StandardCharsets.UTF_8).trim()));
    }

    private void hit(String ip) {
        log.add(AccessLogRecord.parse(ip + " - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1"), clock.seconds());
    }

    private static String xml(String ip) {
        return AccessLogRecord.parse(ip + " - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1").toXml().trim();
    }

    @Test
    void pushesStartAtTheClientsConnectTimeAndRepeatEveryFiveSeconds() {
        clock.advance(2.5);
        Client c = new Client();
        c.p.start();
        assertEquals(2.5, c.p.connectedAt());
        assertEquals(7.5, clock.getDelayedCalls().get(0).getTime(), "the next push is 5 s after connecting");
        clock.advance(1);
        hit("192.0.2.1");
        clock.advance(3.9);
        assertEquals(List.of(), c.pushes, "nothing before 5 s have passed");
        clock.advance(0.1);
        assertEquals(List.of("7.5 " + xml("192.0.2.1")), c.pushes);
        hit("192.0.2.2");
        clock.advance(5);
        assertEquals("12.5 " + xml("192.0.2.2"), c.pushes.get(1));
    }

    @Test
    void aClientThatConnectsLaterGetsNoneOfTheEarlierRecords() {
        Client first = new Client();
        first.p.start();
        hit("192.0.2.1");
        clock.advance(1);
        Client second = new Client();
        second.p.start();
        hit("192.0.2.2");
        // Step to each push time: Clock runs due calls with seconds() already at the end of the step.
        clock.advance(4);
        clock.advance(1);
        assertEquals(List.of("5.0 " + xml("192.0.2.1") + "\n" + xml("192.0.2.2")), first.pushes);
        assertEquals(List.of("6.0 " + xml("192.0.2.2")), second.pushes);
    }

    @Test
    void eachPushCarriesOnlyTheRecordsSinceThePreviousPushAndAnEmptyPushWritesNothing() {
        Client c = new Client();
        c.p.start();
        hit("192.0.2.1");
        clock.advance(5);
        clock.advance(5);
        hit("192.0.2.3");
        clock.advance(5);
        assertEquals(List.of("5.0 " + xml("192.0.2.1"), "15.0 " + xml("192.0.2.3")), c.pushes);
    }

    @Test
    void stopEndsThePushes() {
        Client c = new Client();
        c.p.start();
        c.p.stop();
        hit("192.0.2.1");
        clock.advance(60);
        assertTrue(c.pushes.isEmpty());
        assertTrue(clock.getDelayedCalls().isEmpty());
    }
}
