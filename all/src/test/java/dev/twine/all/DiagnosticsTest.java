package dev.twine.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.Reactors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class DiagnosticsTest {

    @Test
    void everyBackendOfTwineAllIsRegisteredAndReportedOnItsOwnLine() {
        List<String> lines = Diagnostics.describe();
        for (String name : List.of("epoll", "iocp", "kqueue", "select")) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith("backend " + name + ": ")).count(),
                    "one line for " + name + " in " + lines);
        }
    }

    @Test
    void selectIsAvailableEverywhereAndNeedsNoNativeBinding() {
        assertTrue(Diagnostics.describe().contains("backend select: available, priority 0, binding java.nio"),
                Diagnostics.describe().toString());
    }

    @Test
    void theLastLineNamesTheBackendANewReactorWouldUse() {
        List<String> lines = Diagnostics.describe();
        assertEquals("selected: " + Reactors.selectedBackend().name(), lines.get(lines.size() - 1));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxEpollIsAvailableAndNamesTheBindingChosenForThisJdkWithTheReason() {
        String binding = Runtime.version().feature() >= 22 && System.getProperty("twine.native") == null
                ? "panama: JDK " + Runtime.version().feature() + " >= 22 and the Panama binding" : "jnr: ";
        assertTrue(Diagnostics.describe().stream()
                        .anyMatch(l -> l.startsWith("backend epoll: available, priority 100, binding " + binding)),
                Diagnostics.describe().toString());
    }

    @Test
    void theFirstLineNamesTwineAndTheJavaVersion() {
        String first = Diagnostics.describe().get(0);
        assertTrue(first.startsWith("twine ") && first.contains(" on Java " + System.getProperty("java.version")), first);
    }
}
