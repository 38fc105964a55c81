package dev.twine.all;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A native binding forced with {@code -Dtwine.native} that cannot load (semantics.md §6.1): the automatic
 * backend choice fails naming the reason rather than quietly running on select, while a backend the user
 * named with {@code -Dtwine.reactor} is judged on its own configuration only, so {@code select}, which uses
 * no native binding, still starts.
 */
@EnabledOnOs(OS.LINUX)
class ForcedBindingTest {

    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @Test
    void withNoBackendNamedAnUnloadableForcedBindingStopsTheChoiceAndNamesTheReason() throws Exception {
        ChildJvm.Result child = ChildJvm.diagnostics(CLASS_PATH, List.of("-Dtwine.native=no-such-binding"));
        String selected = last(child.lines());
        assertTrue(selected.startsWith("selected: none (") && selected.contains("epoll") && selected.contains("no-such-binding"),
                child.output());
    }

    @Test
    void selectNamedByTheUserStartsWhateverTheNativeBindingSetting() throws Exception {
        ChildJvm.Result child = ChildJvm.diagnostics(CLASS_PATH,
                List.of("-Dtwine.native=no-such-binding", "-Dtwine.reactor=select"));
        assertEquals("selected: select", last(child.lines()), child.output());
    }

    @Test
    void epollNamedByTheUserStillFailsOnTheBindingItCannotLoad() throws Exception {
        ChildJvm.Result child = ChildJvm.diagnostics(CLASS_PATH,
                List.of("-Dtwine.native=no-such-binding", "-Dtwine.reactor=epoll"));
        String selected = last(child.lines());
        assertTrue(selected.startsWith("selected: none (") && selected.contains("epoll") && selected.contains("no-such-binding"),
                child.output());
    }

    /**
     * The IOCP backend binds the Windows calls through the same choice, so naming it with an unloadable
     * forced binding fails on that setting before (and whatever) its OS check says: on Linux too.
     */
    @Test
    void iocpNamedByTheUserFailsOnTheBindingItCannotLoadBeforeItsOsCheck() throws Exception {
        ChildJvm.Result child = ChildJvm.diagnostics(CLASS_PATH,
                List.of("-Dtwine.native=no-such-binding", "-Dtwine.reactor=iocp"));
        String selected = last(child.lines());
        assertTrue(selected.startsWith("selected: none (backend iocp: ") && selected.contains("no-such-binding")
                && !selected.contains("unavailable"), child.output());
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
