package dev.twine.nativeio.panama;

import dev.twine.nativeio.linux.HeaderProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Panama Windows classes' own Java, run on Linux: every {@code PanamaKernel32}, {@code PanamaNtDll}
 * and {@code PanamaWinsock} method is called against a C library that exports functions of the same names
 * with the same widths, compiled here with gcc, in a child JVM ({@link WinCallPathChild}) whose
 * {@link WinDowncalls#standIn} points the binding at that library and at errno instead of
 * {@code GetLastError}. This is what the shape test cannot see: that each method invokes its handle with
 * exactly its type (a mismatch is a {@code WrongMethodTypeException} at the first call), passes the
 * arguments in order and unchanged (64-bit values whole, negative ints sign-extended, the {@code WORD}
 * and {@code UCHAR} of {@code WSAStartup} and {@code SetFileCompletionNotificationModes}), returns the C
 * result, and reads the captured error of the call it made.
 *
 * <p>What it cannot see: the Windows x64 calling convention itself (the stand-in is called with System V's,
 * by the same descriptors), and Windows' own last-error value. Those need a Windows JDK 22+, which no
 * reachable registry has (native.md §7.4).
 */
class WinCallPathTest {

    /** The distinct value the child passes as argument {@code index} of function {@code function}. */
    static Object argument(Class<?> type, int function, int index) {
        long base = 0x0102030405060000L + (long) function * 0x100 + index;
        if (type == long.class) {
            return base | 0x8000000000000000L;
        }
        if (type == int.class) {
            return -(function * 100 + index + 7);
        }
        if (type == short.class) {
            return (short) (0x0200 + function * 16 + index);
        }
        if (type == byte.class) {
            return (byte) (-3 - index);
        }
        throw new IllegalArgumentException(type.toString());
    }

    /** What the stand-in for function {@code function} returns, by result width. */
    static long result(long width, int function) {
        return width == 8 ? 0x1122334455667700L + function : -(1000 + function);
    }

    /** The errno the stand-in for function {@code function} leaves. */
    static int lastError(int function) {
        return 5000 + function;
    }

    @Test
    void everyMethodPassesItsArgumentsAndReturnsTheResultAndTheErrorOfItsCall() throws Exception {
        Path library = HeaderProbe.sharedLibrary("twine-winstandin", standIn());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), WinCallPathChild.class.getName(), library.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "child finished");
        assertEquals(0, child.exitValue(), output);
        List<String> expected = new ArrayList<>();
        for (WinFunction f : WinFunction.values()) {
            expected.add("OK " + f.symbol);
        }
        assertEquals(String.join("\n", expected), output.strip());
    }

    /** C functions named and shaped like the Windows ones (on System V), recording what they were given. */
    private static String standIn() {
        StringBuilder c = new StringBuilder("""
                #include <errno.h>
                #include <stdint.h>
                static long long seen[16];
                static int seen_count;
                long long twine_seen(int i) { return seen[i]; }
                int twine_seen_count(void) { return seen_count; }
                """);
        for (WinFunction f : WinFunction.values()) {
            c.append(cType(f.result.layout().byteSize())).append(' ').append(f.symbol).append('(');
            for (int i = 0; i < f.parameters.size(); i++) {
                c.append(i == 0 ? "" : ", ").append(cType(f.parameters.get(i).layout().byteSize())).append(" a").append(i);
            }
            c.append(f.parameters.isEmpty() ? "void" : "").append(") {\n    seen_count = ").append(f.parameters.size())
                    .append(";\n");
            for (int i = 0; i < f.parameters.size(); i++) {
                c.append("    seen[").append(i).append("] = a").append(i).append(";\n");
            }
            c.append("    errno = ").append(lastError(f.ordinal())).append(";\n    return ")
                    .append(result(f.result.layout().byteSize(), f.ordinal())).append("LL;\n}\n");
        }
        return c.toString();
    }

    private static String cType(long width) {
        return switch ((int) width) {
            case 8 -> "int64_t";
            case 4 -> "int32_t";
            case 2 -> "int16_t";
            case 1 -> "int8_t";
            default -> throw new IllegalArgumentException("width " + width);
        };
    }
}
