package dev.twine.bench.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What side-by-side.sh's report makes of the raw measurements it is given. */
class SideBySideReportTest {

    private static final String HEADER =
            "round\tstack\tworkload\trequests\tseconds\trate\tinstructions\tinstructions_u\tuser_ms\tsystem_ms\terrors\tsteal_ms\tload_cpu_ms";

    @TempDir
    Path dir;

    /** The Markdown table row of {@code stack} for {@code workload}, split into its cells. */
    private List<String> row(String markdown, String workload, String stack) {
        for (String line : markdown.split("\n")) {
            if (line.startsWith("| " + workload + " | " + stack + " |")) {
                return List.of(line.substring(2, line.length() - 2).split(" \\| "));
            }
        }
        throw new AssertionError("no row for " + workload + "/" + stack + " in\n" + markdown);
    }

    private String report(String... lines) throws IOException {
        Path raw = dir.resolve("raw.tsv");
        Files.write(raw, List.of(lines));
        Path md = dir.resolve("out.md");
        SideBySideReport.main(new String[] {raw.toString(), md.toString(), dir.resolve("out.json").toString(), "env"});
        return Files.readString(md);
    }

    @Test
    void ratesAreMediansOverRoundsRelatedToNettyEpoll() throws IOException {
        String md = report(HEADER,
                "1\tnetty-epoll\techo\t1000\t1\t100\tNA\tNA\t10\t10\t0\t0\tNA",
                "2\tnetty-epoll\techo\t1000\t1\t200\tNA\tNA\t10\t10\t0\t0\tNA",
                "3\tnetty-epoll\techo\t1000\t1\t300\tNA\tNA\t10\t10\t0\t0\tNA",
                "1\tepoll\techo\t1000\t1\t150\tNA\tNA\t5\t5\t0\t0\tNA",
                "2\tepoll\techo\t1000\t1\t900\tNA\tNA\t5\t5\t0\t0\tNA",
                "3\tepoll\techo\t1000\t1\t300\tNA\tNA\t5\t5\t0\t0\tNA");
        List<String> epoll = row(md, "echo", "epoll");
        assertEquals("300", epoll.get(2), "median of 150, 900, 300");
        assertEquals("150 - 900", epoll.get(3));
        assertEquals("1.50x", epoll.get(4), "300 / Netty epoll's median 200");
        assertEquals("10.00", epoll.get(9), "10 ms of CPU over 1000 requests is 10 us each");
        assertEquals("0.50x", epoll.get(10), "half of Netty epoll's 20 us per request");
    }

    @Test
    void figuresTheMachineCannotGiveAreShownAsNotAvailable() throws IOException {
        String md = report(HEADER,
                "1\tnetty-epoll\thttp\t1000\t1\t100\tNA\tNA\t10\t0\t0\t0\tNA",
                "1\tselect\thttp\t1000\t1\t100\tNA\tNA\t10\t0\t0\t0\tNA");
        List<String> select = row(md, "http", "select");
        assertEquals("n/a", select.get(5), "instructions per request without hardware counters");
        assertEquals("n/a", select.get(7), "no instruction ratio either");
    }

    @Test
    void theLargestStealPerStackAndWorkloadIsShown() throws IOException {
        String md = report(HEADER,
                "1\tnetty-epoll\tresp\t1000\t1\t100\tNA\tNA\t10\t0\t0\t40\tNA",
                "2\tnetty-epoll\tresp\t1000\t1\t100\tNA\tNA\t10\t0\t0\t1200\tNA",
                "1\tepoll\tresp\t1000\t1\t100\tNA\tNA\t10\t0\t0\t0\tNA");
        assertEquals("1,200", row(md, "resp", "netty-epoll").get(12));
        assertEquals("0", row(md, "resp", "epoll").get(12));
    }

    @Test
    void theLoadGeneratorsBusyShareShowsWhenItWasTheLimit() throws IOException {
        String md = report(HEADER,
                "1\tnetty-epoll\tresp\t1000\t4\t250\tNA\tNA\t10\t0\t0\t0\t3960",
                "1\tepoll\tresp\t1000\t5\t200\tNA\tNA\t10\t0\t0\t0\t2500",
                "1\tselect\tresp\t1000\t5\t200\tNA\tNA\t10\t0\t0\t0\tNA");
        assertEquals("99%", row(md, "resp", "netty-epoll").get(13), "3.96 s of CPU in a 4 s run");
        assertEquals("50%", row(md, "resp", "epoll").get(13));
        assertEquals("n/a", row(md, "resp", "select").get(13), "not measured (the echo load runs in a JVM)");
        assertEquals("0%", row(md, "resp", "select").get(14), "10 ms of server CPU in 5 s rounds to 0%");
    }

    @Test
    void rawFilesWrittenBeforeStealWasRecordedStillReport() throws IOException {
        String md = report(HEADER.substring(0, HEADER.indexOf("\tsteal_ms")),
                "1\tnetty-epoll\techo\t1000\t1\t100\tNA\tNA\t10\t0\t0",
                "1\tepoll\techo\t1000\t1\t120\tNA\tNA\t10\t0\t0");
        List<String> epoll = row(md, "echo", "epoll");
        assertEquals("1.20x", epoll.get(4));
        assertEquals("n/a", epoll.get(12), "no steal column");
        assertEquals("n/a", epoll.get(13), "no load generator column");
        assertTrue(Files.readString(dir.resolve("out.json")).contains("\"medianRate\""));
    }

    @Test
    void udpRowsAreHeadedInDatagramsAndRequestRowsInRequests() throws IOException {
        String md = report(HEADER,
                "1\tnetty-epoll\techo\t1000\t1\t100\tNA\tNA\t10\t0\t0\t0\tNA",
                "1\tnetty-epoll\tudp-echo-64B-2x32\t2000\t1\t2000\tNA\tNA\t4\t6\t0\t0\tNA");
        List<String> lines = List.of(md.split("\n"));
        int echoHeading = lines.indexOf(lines.stream().filter(l -> l.startsWith("| workload |")).findFirst().orElseThrow());
        assertTrue(lines.get(echoHeading).contains("| req/s (median) |"), lines.get(echoHeading));
        assertTrue(lines.get(echoHeading).contains("| total CPU µs/req |"), lines.get(echoHeading));
        String udpHeading = lines.stream().filter(l -> l.contains("datagrams/s")).findFirst().orElseThrow(
                () -> new AssertionError("no datagram heading in\n" + md));
        assertTrue(udpHeading.contains("| user CPU µs/datagram | total CPU µs/datagram |"), udpHeading);
        assertTrue(lines.indexOf(udpHeading) > lines.indexOf("| " + String.join(" | ", row(md, "echo", "netty-epoll")) + " |"),
                "the UDP table follows the request table");
        assertEquals("5.00", row(md, "udp-echo-64B-2x32", "netty-epoll").get(9), "10 ms over 2000 datagrams");
        assertEquals("1%", row(md, "udp-echo-64B-2x32", "netty-epoll").get(14), "10 ms of server CPU in a 1 s run");
        assertTrue(Files.readString(dir.resolve("out.json")).contains("\"unit\": \"datagram\""),
                Files.readString(dir.resolve("out.json")));
    }

    @Test
    void handshakeRowsAreHeadedInHandshakes() throws IOException {
        String md = report(HEADER,
                "1\tnetty-epoll\thttp-plain\t1000\t1\t1000\tNA\tNA\t10\t0\t0\t0\tNA",
                "1\tnetty-epoll\ttls-handshake\t500\t1\t500\tNA\tNA\t100\t150\t0\t0\tNA");
        String heading = md.lines().filter(l -> l.contains("handshakes/s")).findFirst().orElseThrow(
                () -> new AssertionError("no handshake heading in\n" + md));
        assertTrue(heading.contains("| user CPU µs/handshake | total CPU µs/handshake |"), heading);
        assertEquals("500.00", row(md, "tls-handshake", "netty-epoll").get(9), "250 ms over 500 handshakes");
        assertTrue(md.lines().anyMatch(l -> l.contains("| req/s (median) |")), "the HTTP row keeps its own table");
    }
}
