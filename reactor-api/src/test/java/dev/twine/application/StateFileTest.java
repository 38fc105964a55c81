package dev.twine.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file round-trips any strings and never leaves temporary files behind. */
class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileReadsAsNoState() throws IOException {
        assertTrue(new StateFile(dir.resolve("none")).read().isEmpty());
    }

    @Test
    void writeThenReadRoundTripsAwkwardKeysAndValues() throws IOException {
        StateFile f = new StateFile(dir.resolve("s"));
        Map<String, String> state = Map.of("a.b", "line\nbreak", "key with = and :", "值 ünïcode", "empty", "");
        f.write(state, "comment");
        assertEquals(state, f.read().orElseThrow());
    }

    @Test
    void aSecondWriteReplacesTheFirstAndLeavesOnlyTheStateFile() throws IOException {
        StateFile f = new StateFile(dir.resolve("s"));
        f.write(Map.of("x", "1", "y", "2"), null);
        f.write(Map.of("x", "3"), null);
        assertEquals(Map.of("x", "3"), f.read().orElseThrow());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("s")), files.toList());
        }
    }

    @Test
    void entriesAreWrittenSortedByKey() throws IOException {
        StateFile f = new StateFile(dir.resolve("s"));
        f.write(Map.of("b", "2", "a", "1", "c", "3"), null);
        List<String> entries = Files.readAllLines(dir.resolve("s")).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("a=1", "b=2", "c=3"), entries);
    }
}
