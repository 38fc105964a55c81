package dev.twine.nativeio.panama;

import dev.twine.nativeio.windows.Kernel32;
import dev.twine.nativeio.windows.NtDll;
import dev.twine.nativeio.windows.Winsock;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link WinCallPathTest}: binds the Panama Windows classes to the stand-in library named
 * by its argument ({@link WinDowncalls#standIn}, errno standing in for {@code GetLastError}), calls every
 * interface method once with distinct argument values, and prints {@code OK <symbol>} when the C side saw
 * every argument unchanged, in order, the Java side got the C result back, and (for a capturing call)
 * {@link PanamaBinding#lastError()} returned what the C function left; {@code BAD <symbol>: why} otherwise.
 */
final class WinCallPathChild {

    private WinCallPathChild() {
    }

    public static void main(String[] args) throws Throwable {
        SymbolLookup library = SymbolLookup.libraryLookup(Path.of(args[0]), Arena.global());
        WinDowncalls.standIn(library, "errno");
        Linker linker = Linker.nativeLinker();
        MethodHandle seen = linker.downcallHandle(library.find("twine_seen").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        MethodHandle seenCount = linker.downcallHandle(library.find("twine_seen_count").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        PanamaBinding binding = new PanamaBinding();
        Map<WinFunction.Library, Object> bound = Map.of(
                WinFunction.Library.KERNEL32, binding.kernel32(),
                WinFunction.Library.NTDLL, binding.ntdll(),
                WinFunction.Library.WS2_32, binding.winsock());
        Map<WinFunction.Library, Class<?>> interfaces = Map.of(
                WinFunction.Library.KERNEL32, Kernel32.class,
                WinFunction.Library.NTDLL, NtDll.class,
                WinFunction.Library.WS2_32, Winsock.class);
        for (WinFunction f : WinFunction.values()) {
            Method m = null;
            for (Method candidate : interfaces.get(f.library).getMethods()) {
                if (candidate.getName().equals(f.symbol)) {
                    m = candidate;
                }
            }
            Class<?>[] types = m.getParameterTypes();
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                values[i] = WinCallPathTest.argument(types[i], f.ordinal(), i);
            }
            Object result = m.invoke(bound.get(f.library), values);
            StringBuilder bad = new StringBuilder();
            int count = (int) seenCount.invokeExact();
            if (count != types.length) {
                bad.append(" C saw ").append(count).append(" arguments;");
            }
            for (int i = 0; i < types.length && i < count; i++) {
                long c = (long) seen.invokeExact(i);
                long java = ((Number) values[i]).longValue();
                if (c != java) {
                    bad.append(" argument ").append(i).append(": Java ").append(java).append(", C ").append(c).append(';');
                }
            }
            long expected = WinCallPathTest.result(f.result.layout().byteSize(), f.ordinal());
            if (((Number) result).longValue() != expected) {
                bad.append(" result ").append(result).append(", C returned ").append(expected).append(';');
            }
            if (f.call.captures && binding.lastError() != WinCallPathTest.lastError(f.ordinal())) {
                bad.append(" lastError ").append(binding.lastError()).append(';');
            }
            System.out.println((bad.length() == 0 ? "OK " : "BAD ") + f.symbol + (bad.length() == 0 ? "" : ":" + bad));
        }
    }
}
