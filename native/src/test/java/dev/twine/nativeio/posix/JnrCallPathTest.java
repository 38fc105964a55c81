package dev.twine.nativeio.posix;

import dev.twine.nativeio.linux.JnrEventFd;
import dev.twine.nativeio.linux.JnrLinuxEpoll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bindings take jnr-ffi's fastest call path: on x86-64 and aarch64, jnr-ffi compiles a method
 * whose signature it can handle in assembler into a {@code native} method of its generated class
 * (native.md §1.2); anything else becomes a Java method that marshals through jffi's generic
 * invoker. Only the variadic {@code fcntl}, called at most once per socket on systems without
 * {@code SOCK_NONBLOCK}, and {@code strerror}, whose {@code char *} result is converted to a String
 * and which runs only when an error is reported, may take the slow path.
 */
class JnrCallPathTest {

    @BeforeEach
    void onlyWhereTheAssemblerPathExists() {
        String arch = System.getProperty("os.arch", "");
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux")
                && Set.of("amd64", "x86_64", "aarch64").contains(arch), "jnr-ffi asm stubs: x86-64/aarch64 Linux");
    }

    private static List<String> slowMethods(Object binding) throws ReflectiveOperationException {
        Field field = binding.getClass().getDeclaredField("libc");
        field.setAccessible(true);
        Object generated = field.get(binding);
        List<String> slow = new ArrayList<>();
        for (Method method : generated.getClass().getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isNative(method.getModifiers())) {
                slow.add(method.getName());
            }
        }
        return slow;
    }

    /**
     * sendto and recvfrom take the generic path on purpose: their assembler stubs passed a wrong sixth
     * argument (see {@code JnrPosixSockets.LibC#sendto}).
     */
    @Test
    void socketCallsExceptFcntlStrerrorAndTheSixArgumentDatagramCallsAreAssemblerStubs()
            throws ReflectiveOperationException {
        assertEquals(Set.of("fcntl", "strerror", "sendto", "recvfrom"), Set.copyOf(slowMethods(JnrPosixSockets.load())));
    }

    @Test
    void epollAndEventfdCallsAreAssemblerStubs() throws ReflectiveOperationException {
        assertEquals(List.of(), slowMethods(JnrLinuxEpoll.load()));
        assertEquals(List.of(), slowMethods(JnrEventFd.load()));
    }
}
