package dev.twine.internet.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** A stall report becomes one JFR event {@code dev.twine.LoopStall} where JFR is present (semantics.md §5.4). */
class LoopStallEventTest {

    @Test
    void aStallReportIsRecordedAsALoopStallEventWithItsFields() throws Exception {
        Path file = Files.createTempFile("twine-loop-stall", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.twine.LoopStall");
            recording.start();
            JfrEvents.stall(new StallReport("twine-reactor-7", "twine-group-1-0", "com.example.Slow.dataReceived",
                    "Slow,0,127.0.0.1", 250_000_000L, List.of()));
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("dev.twine.LoopStall"))
                    .collect(Collectors.toList());
            assertEquals(1, events.size());
            RecordedEvent e = events.get(0);
            assertEquals("twine-reactor-7", e.getString("reactor"));
            assertEquals("com.example.Slow.dataReceived", e.getString("callback"));
            assertEquals("Slow,0,127.0.0.1", e.getString("logPrefix"));
            assertEquals(250, e.getDuration("held").toMillis());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
