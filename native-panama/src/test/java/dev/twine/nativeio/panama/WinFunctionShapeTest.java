package dev.twine.nativeio.panama;

import dev.twine.nativeio.windows.Kernel32;
import dev.twine.nativeio.windows.NtDll;
import dev.twine.nativeio.windows.Win32;
import dev.twine.nativeio.windows.Winsock;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.uintptr_t;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The Panama binding of the Windows calls, checked where it can be: on Linux, where no Windows JDK 22+
 * can run it. Every {@link WinFunction} descriptor is built into a downcall handle by this JVM's linker,
 * every function has the Java shape of its {@link Kernel32}, {@link NtDll} or {@link Winsock} method, and
 * the widths and error capture agree with what the jnr-ffi binding reads from that method's annotations,
 * so the two bindings cannot drift apart. The C truth for the widths is {@code Win64LayoutTest}'s.
 */
class WinFunctionShapeTest {

    private static final Map<WinFunction.Library, Class<?>> INTERFACES = Map.of(
            WinFunction.Library.KERNEL32, Kernel32.class,
            WinFunction.Library.NTDLL, NtDll.class,
            WinFunction.Library.WS2_32, Winsock.class);

    @Test
    void everyDescriptorBuildsADowncallHandleWithItsOptions() {
        Linker linker = Linker.nativeLinker();
        for (WinFunction f : WinFunction.values()) {
            MethodHandle unbound = linker.downcallHandle(f.descriptor(), f.shapeOptions());
            // An unbound handle takes the function's address first.
            assertEquals(f.parameters.size() + 1, unbound.type().parameterCount(), f.symbol);
        }
    }

    @Test
    void theFunctionsAreExactlyTheInterfacesMethods() {
        for (Map.Entry<WinFunction.Library, Class<?>> e : INTERFACES.entrySet()) {
            TreeSet<String> declared = new TreeSet<>();
            for (Method m : e.getValue().getMethods()) {
                declared.add(m.getName());
            }
            TreeSet<String> bound = new TreeSet<>();
            for (WinFunction f : WinFunction.values()) {
                if (f.library == e.getKey()) {
                    bound.add(f.symbol);
                }
            }
            assertEquals(declared, bound, e.getValue().getSimpleName() + " against WinFunction." + e.getKey());
        }
    }

    @Test
    void eachDescriptorCarriesTheJavaTypesOfItsInterfaceMethod() {
        for (WinFunction f : WinFunction.values()) {
            Method m = method(f);
            MethodType carriers = f.descriptor().toMethodType();
            assertEquals(MethodType.methodType(m.getReturnType(), m.getParameterTypes()), carriers, f.symbol);
        }
    }

    /**
     * jnr-ffi passes a bare Java {@code long} as the 4-byte C {@code long} on Win64, so every 8-byte value
     * must be {@code @uintptr_t} there; Panama's 8-byte {@link WinType}s must be exactly those.
     */
    @Test
    void theEightByteValuesAreTheOnesJnrDeclaresPointerSized() {
        List<String> problems = new ArrayList<>();
        for (WinFunction f : WinFunction.values()) {
            Method m = method(f);
            boolean wide = f.result.layout().byteSize() == 8;
            if (wide != has(m.getAnnotations(), uintptr_t.class)) {
                problems.add(f.symbol + " result: Panama " + f.result + ", jnr " + Arrays.toString(m.getAnnotations()));
            }
            for (int i = 0; i < f.parameters.size(); i++) {
                WinType type = f.parameters.get(i);
                boolean pointerSized = has(m.getParameterAnnotations()[i], uintptr_t.class);
                if ((type.layout().byteSize() == 8) != pointerSized) {
                    problems.add(f.symbol + " parameter " + i + ": Panama " + type + ", jnr @uintptr_t "
                            + pointerSized);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Panama captures the last error where jnr-ffi saves it ({@code @SaveError}) and nowhere it ignores
     * it ({@code @IgnoreError}). The one difference: {@code WSAStartup} returns its error, so Panama does
     * not capture what nobody reads.
     */
    @Test
    void theLastErrorIsCapturedWhereJnrSavesIt() {
        for (WinFunction f : WinFunction.values()) {
            Method m = method(f);
            if (f == WinFunction.WSA_STARTUP) {
                assertTrue(!f.call.captures, "WSAStartup returns its error");
                continue;
            }
            assertEquals(has(m.getAnnotations(), SaveError.class), f.call.captures, f.symbol);
            if (has(m.getAnnotations(), IgnoreError.class)) {
                assertTrue(!f.call.captures, f.symbol);
            }
        }
    }

    /** The wait and every call that moves data or may linger must not hold a safepoint up. */
    @Test
    void callsThatMayWaitAreNotCritical() {
        for (WinFunction f : List.of(WinFunction.GET_QUEUED_COMPLETION_STATUS_EX, WinFunction.RECV,
                WinFunction.SEND, WinFunction.WSA_SEND, WinFunction.ACCEPT, WinFunction.CONNECT,
                WinFunction.CLOSESOCKET, WinFunction.CLOSE_HANDLE, WinFunction.NT_CREATE_FILE,
                WinFunction.WSA_STARTUP, WinFunction.SENDTO, WinFunction.RECVFROM)) {
            assertTrue(!f.call.critical, f.symbol);
        }
    }

    @Test
    void offWindowsTheClassesLoadAndBindingFailsNamingTheOs() {
        assumeFalse(Win32.isWindows(), "on Windows the binding binds");
        PanamaBinding binding = new PanamaBinding();
        for (Runnable bind : List.<Runnable>of(binding::kernel32, binding::ntdll, binding::winsock)) {
            UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class, bind::run);
            assertTrue(e.getMessage().contains("needs Windows"), e.getMessage());
        }
    }

    private static Method method(WinFunction f) {
        Method found = null;
        for (Method m : INTERFACES.get(f.library).getMethods()) {
            if (m.getName().equals(f.symbol)) {
                assertTrue(found == null, "overloaded: " + f.symbol);
                found = m;
            }
        }
        assertTrue(found != null, "no interface method " + f.symbol);
        return found;
    }

    private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
        for (Annotation a : annotations) {
            if (a.annotationType() == type) {
                return true;
            }
        }
        return false;
    }
}
