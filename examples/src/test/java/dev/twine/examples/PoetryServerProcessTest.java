package dev.twine.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code poetry-server} as a process, against well-behaved and badly-behaved clients, on every backend.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoetryServerProcessTest {
    private static final Duration READ = Duration.ofSeconds(60);
    /** Large enough to fill the loopback socket buffers of a client that does not read. */
    private static final int BIG = 24 * 1024 * 1024;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aThousandConcurrentClientsEachGetTheExactBytes(String reactor) throws Exception {
        byte[] poem = Examples.poemBytes("mountain-river.zh.txt");
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                Examples.poem("mountain-river.zh.txt").toString())) {
            int port = server.awaitPort();
            List<byte[]> got = Net.downloadConcurrently(port, 1000, Duration.ofMinutes(2));
            assertEquals(List.of(), Net.mismatches(got, poem), "downloads that differ from the file");
            assertTrue(server.isAlive());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aClientThatResetsMidTransferDoesNotDisturbTheOthers(String reactor) throws Exception {
        Path big = Examples.bigFile(tmp, BIG);
        byte[] expected = Files.readAllBytes(big);
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--port", "0", big.toString())) {
            int port = server.awaitPort();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try (Socket resetter = Net.connect(port, READ)) {
                Future<byte[]> before = pool.submit(() -> download(port));
                Net.readExactly(resetter, 64 * 1024);
                Net.reset(resetter);
                Future<byte[]> after = pool.submit(() -> download(port));
                assertArrayEquals(expected, before.get(2, TimeUnit.MINUTES));
                assertArrayEquals(expected, after.get(2, TimeUnit.MINUTES));
            } finally {
                pool.shutdownNow();
            }
            assertTrue(server.isAlive(), server.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aClientThatNeverReadsDoesNotStallTheOthers(String reactor) throws Exception {
        Path big = Examples.bigFile(tmp, BIG);
        byte[] expected = Files.readAllBytes(big);
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--port", "0", big.toString())) {
            int port = server.awaitPort();
            try (Socket idle = Net.connect(port, READ)) {
                // The idle client stays connected and never reads; the server has filled its buffers.
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(expected, download(port), "download " + i);
                }
                assertTrue(idle.isConnected() && !idle.isClosed());
                assertTrue(server.isAlive());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void aHalfClosedClientStillGetsTheWholeFile(String reactor) throws Exception {
        Path big = Examples.bigFile(tmp, 4 * 1024 * 1024);
        byte[] expected = Files.readAllBytes(big);
        byte[] small = Examples.poemBytes("l-ete.fr.txt");
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--port", "0", big.toString());
                ProgramProcess poems = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                        Examples.poem("l-ete.fr.txt").toString())) {
            int bigPort = server.awaitPort();
            int smallPort = poems.awaitPort();
            for (int[] target : new int[][] {{bigPort, 0}, {smallPort, 1}}) {
                try (Socket s = Net.connect(target[0], READ)) {
                    s.shutdownOutput();
                    assertArrayEquals(target[1] == 0 ? expected : small, Net.readToEnd(s));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void sigtermStopsTheServerCleanlyWithStatusZero(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                Examples.poem("science.txt").toString())) {
            int port = server.awaitPort();
            assertArrayEquals(Examples.poemBytes("science.txt"), download(port));
            server.signal("TERM");
            assertEquals(0, server.awaitExit(Duration.ofMinutes(1)), server.transcript());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twine.examples.Backends#names")
    void anUnreadableFileIsReportedWithStatusOne(String reactor) throws Exception {
        try (ProgramProcess server = ProgramProcess.twine(reactor, "poetry-server", "--port", "0",
                tmp.resolve("no-such-poem.txt").toString())) {
            assertEquals(1, server.awaitExit(Duration.ofMinutes(1)), server.transcript());
        }
    }

    private static byte[] download(int port) throws IOException {
        try (Socket s = Net.connect(port, READ)) {
            return Net.readToEnd(s);
        }
    }
}
