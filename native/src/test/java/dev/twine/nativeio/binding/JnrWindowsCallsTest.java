package dev.twine.nativeio.binding;

import dev.twine.nativeio.windows.Win32;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link JnrBinding}'s Windows calls keep {@link NativeBinding}'s contract: bound on Windows (the Wine
 * run), and elsewhere a {@link LinkageError} naming the DLL that could not be loaded. The Panama
 * binding's side is {@code WinFunctionShapeTest} in {@code twine-native-panama}.
 */
class JnrWindowsCallsTest {

    private final JnrBinding jnr = new JnrBinding();

    @Test
    void offWindowsEachDllFailsToBindNamingIt() {
        assumeFalse(Win32.isWindows(), "on Windows the DLLs bind");
        List<String> dlls = List.of("kernel32", "ntdll", "ws2_32");
        List<Supplier<Object>> binds = List.of(jnr::kernel32, jnr::ntdll, jnr::winsock);
        for (int i = 0; i < dlls.size(); i++) {
            LinkageError e = assertThrows(LinkageError.class, binds.get(i)::get);
            assertTrue(String.valueOf(e.getMessage()).contains(dlls.get(i)), e.getMessage());
        }
    }

    @Test
    void onWindowsEachDllBinds() {
        assumeTrue(Win32.isWindows(), "the DLLs exist on Windows only");
        assertNotNull(jnr.kernel32());
        assertNotNull(jnr.ntdll());
        assertNotNull(jnr.winsock());
    }
}
