package dev.twine.nativeio.panama;

import dev.twine.nativeio.linux.HeaderProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Panama binding's own ABI declarations on POSIX, checked against this machine's C headers like the
 * tables both bindings share ({@code NativeLayoutTest}): the binding reads no structure of its own (it
 * passes addresses, and the structures are written through the shared, already checked
 * {@code SocketAbi}, {@code EpollEvent} and {@code KeventLayout} offsets), so what it owns is the width of
 * every argument and result in its function descriptors, and the errno capture.
 *
 * <p>A C++ program compiled against the system headers prints each function's prototype as the compiler
 * sees it (C++ type traits read the parameter types of the declared function; C cannot), as
 * {@code i4}, {@code i8}, {@code p8} (integer or pointer and size) per result and parameter. Every
 * {@code static final MethodHandle} of the POSIX binding classes must then carry a Java type of that
 * size: {@code int} for a 4-byte integer, {@code long} for an 8-byte integer or a pointer (Downcalls'
 * pointers-as-{@code long} rule), a {@code MemorySegment} for a pointer result. kqueue's two functions
 * are not checked here: Linux has no {@code <sys/event.h>} ({@code KeventLayoutTest} covers both shim
 * ABIs' structures).
 */
class PosixPrototypeTest {

    /** The binding classes whose handles are checked. {@link CallCostProbes} is a benchmark probe. */
    private static final List<Class<?>> BINDINGS = List.of(PanamaPosixSockets.class, PanamaLinuxEpoll.class,
            PanamaEventFd.class);

    /** Handles whose field name is not the C function's name in upper case. */
    private static final Map<String, String> RENAMED = Map.of(
            "PanamaLinuxEpoll.CREATE1", "epoll_create1",
            "PanamaLinuxEpoll.CTL", "epoll_ctl",
            "PanamaLinuxEpoll.WAIT", "epoll_wait",
            "PanamaLinuxEpoll.WAIT_CAPTURING", "epoll_wait",
            "PanamaEventFd.WRITE", "eventfd_write");

    private static Map<String, MethodType> handles;
    private static Map<String, String> prototypes;

    @BeforeAll
    static void compileThePrototypes() throws Exception {
        handles = handles();
        StringBuilder cc = new StringBuilder();
        for (String header : List.of("cstdio", "string", "type_traits", "unistd.h", "fcntl.h", "string.h",
                "sys/socket.h", "sys/uio.h", "sys/epoll.h", "sys/eventfd.h")) {
            cc.append("#include <").append(header).append(">\n");
        }
        cc.append("""
                template <class T> std::string code() {
                    if constexpr (std::is_void_v<T>) {
                        return "v";
                    } else {
                        return (std::is_pointer_v<T> ? "p" : std::is_floating_point_v<T> ? "f" : "i")
                                + std::to_string(sizeof(T));
                    }
                }
                template <class R, class... A> void proto(const char *name, R (*)(A...)) {
                    std::string s = code<R>();
                    ((s += " " + code<A>()), ...);
                    std::printf("%s\\t%s\\n", name, s.c_str());
                }
                template <class R, class... A> void proto(const char *name, R (*)(A..., ...)) {
                    std::string s = code<R>();
                    ((s += " " + code<A>()), ...);
                    std::printf("%s\\t%s ...\\n", name, s.c_str());
                }
                int main() {
                """);
        for (String function : new TreeSet<>(handles.keySet().stream().map(PosixPrototypeTest::function).toList())) {
            cc.append("    proto(\"").append(function).append("\", &::").append(function).append(");\n");
        }
        cc.append("    return 0;\n}\n");
        prototypes = HeaderProbe.run("g++", "panama-prototypes", cc.toString());
    }

    @Test
    void everyHandleCarriesTheWidthsOfItsCPrototype() {
        List<String> problems = new ArrayList<>();
        handles.forEach((field, type) -> {
            String c = prototypes.get(function(field));
            if (c == null) {
                problems.add(field + ": the headers have no " + function(field));
                return;
            }
            String[] codes = c.split(" ");
            boolean variadic = codes[codes.length - 1].equals("...");
            int fixed = codes.length - 1 - (variadic ? 1 : 0);
            if (!matches(type.returnType(), codes[0])) {
                problems.add(field + " result: Java " + type.returnType() + ", C " + codes[0]);
            }
            int parameters = type.parameterCount();
            if (variadic ? parameters < fixed : parameters != fixed) {
                problems.add(field + ": Java " + parameters + " parameters, C " + c);
                return;
            }
            for (int i = 0; i < parameters; i++) {
                // A variadic argument is promoted to at least an int; Twine passes ints only (fcntl's arg).
                String expected = i < fixed ? codes[i + 1] : "i4";
                if (!matches(type.parameterType(i), expected)) {
                    problems.add(field + " parameter " + i + ": Java " + type.parameterType(i) + ", C " + expected);
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** errno is an {@code int}, and the capture layout's errno field is read as one ({@code Downcalls.errno}). */
    @Test
    void theErrnoCaptureIsAnInt() throws Exception {
        Map<String, String> c = HeaderProbe.run("gcc", "panama-errno",
                "#include <errno.h>\n#include <stdio.h>\n"
                        + "int main(void) { printf(\"errno\\t%zu\\n\", sizeof errno); return 0; }\n");
        long panama = Linker.Option.captureStateLayout()
                .select(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno")).byteSize();
        assertEquals(c.get("errno"), String.valueOf(panama));
        assertEquals(ValueLayout.JAVA_INT.byteSize(), panama);
    }

    private static boolean matches(Class<?> java, String c) {
        if (java == int.class) {
            return c.equals("i4");
        }
        if (java == long.class) {
            return c.equals("i8") || c.equals("p8");
        }
        if (java == MemorySegment.class) {
            return c.equals("p8");
        }
        if (java == void.class) {
            return c.equals("v");
        }
        return false;
    }

    private static String function(String field) {
        String renamed = RENAMED.get(field);
        return renamed != null ? renamed : field.substring(field.indexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Every static final MethodHandle of the binding classes, its capture segment (if any) removed. */
    private static Map<String, MethodType> handles() throws IllegalAccessException {
        Map<String, MethodType> found = new LinkedHashMap<>();
        for (Class<?> binding : BINDINGS) {
            for (Field f : binding.getDeclaredFields()) {
                if (f.getType() != MethodHandle.class || !Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                MethodType type = ((MethodHandle) f.get(null)).type();
                if (type.parameterCount() > 0 && type.parameterType(0) == MemorySegment.class) {
                    type = type.dropParameterTypes(0, 1);
                }
                found.put(binding.getSimpleName() + "." + f.getName(), type);
            }
        }
        assertTrue(found.size() > 20, "found too few handles: " + found.keySet());
        return found;
    }
}
