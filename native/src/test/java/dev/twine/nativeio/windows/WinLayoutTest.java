package dev.twine.nativeio.windows;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every offset and constant in {@link WinLayout} and every code in {@link WinsockErrors} equals what the
 * mingw-w64 headers and the Win64 C compiler say ({@code .ci/wine/layout.c}).
 *
 * <p>The oracle ({@link Win64Oracle}) runs under {@code wine} on Linux and directly on Windows; without a
 * way to build or run it the test is skipped with the reason.
 */
class WinLayoutTest {

    /** AFD_POLL_* bits have no public header; the poller tests under Wine check them by behaviour. */
    private static final Set<String> NOT_IN_ANY_HEADER = Set.of(
            "AFD_POLL_RECEIVE", "AFD_POLL_RECEIVE_EXPEDITED", "AFD_POLL_SEND", "AFD_POLL_DISCONNECT",
            "AFD_POLL_ABORT", "AFD_POLL_LOCAL_CLOSE", "AFD_POLL_CONNECT", "AFD_POLL_ACCEPT",
            "AFD_POLL_CONNECT_FAIL");

    @Test
    void everyJavaLayoutConstantMatchesTheWin64Headers() throws Exception {
        Map<String, Long> oracle = runOracle();
        Map<String, Long> java = javaLayout();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Long> e : java.entrySet()) {
            Long c = oracle.get(e.getKey());
            if (c == null) {
                problems.add(e.getKey() + " is not printed by layout.c");
            } else if (!c.equals(e.getValue())) {
                problems.add(e.getKey() + ": Java " + e.getValue() + ", C " + c);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyWinsockErrorCodeMatchesTheHeaders() throws Exception {
        Map<String, Long> oracle = runOracle();
        for (String name : WinsockErrors.windowsNames()) {
            assertEquals(oracle.get(name), (long) WinsockErrors.code(name), name);
        }
    }

    @Test
    void theOraclePrintsNothingTheJavaTablesLack() throws Exception {
        Map<String, Long> oracle = new TreeMap<>(runOracle());
        oracle.keySet().removeAll(javaLayout().keySet());
        oracle.keySet().removeAll(List.of(WinsockErrors.windowsNames()));
        assertEquals(Map.of(), oracle);
    }

    /** Public static int/long constants of WinLayout, by field name. */
    private static Map<String, Long> javaLayout() throws IllegalAccessException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Field f : WinLayout.class.getFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || NOT_IN_ANY_HEADER.contains(f.getName())) {
                continue;
            }
            if (f.getType() == int.class) {
                values.put(f.getName(), (long) f.getInt(null));
            } else if (f.getType() == long.class) {
                values.put(f.getName(), f.getLong(null));
            }
        }
        return values;
    }

    private static Map<String, Long> runOracle() throws Exception {
        return Win64Oracle.values();
    }
}
