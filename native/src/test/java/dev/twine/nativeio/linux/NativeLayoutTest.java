package dev.twine.nativeio.linux;

import dev.twine.nativeio.Platform;
import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.SocketAbi;
import dev.twine.nativeio.posix.SocketConstant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks the Java tables against the C headers of this machine: a C program is generated and
 * compiled with gcc ({@link HeaderProbe}), prints {@code sizeof}, {@code offsetof} and
 * constant values, and every value is compared with what the Java tables say: every row of
 * {@link SocketConstant} (a macro the headers lack prints {@link SocketAbi#ABSENT}, as the Linux column
 * must then say), the epoll and eventfd values, and every errno name Twine keeps. Skipped, with the
 * reason, where gcc or the headers are missing.
 */
class NativeLayoutTest {

    private static Map<String, String> fromC;

    /** What the Java side says, keyed like the C program's output lines. */
    private static Map<String, Long> expected() {
        EpollEvent event = EpollEvent.current();
        Map<String, Long> java = new LinkedHashMap<>();
        for (SocketConstant row : SocketConstant.values()) {
            if (row.c() != null && row.value(Platform.LINUX) == SocketAbi.ABSENT) {
                // A structure Linux's headers do not have (the BSDs' xucred): nothing to compile here.
                continue;
            }
            java.put(row.c() != null ? row.c() : row.name(), (long) row.value(Platform.LINUX));
        }
        java.put("EPOLLIN", (long) LinuxEpoll.EPOLLIN);
        java.put("EPOLLPRI", (long) LinuxEpoll.EPOLLPRI);
        java.put("EPOLLOUT", (long) LinuxEpoll.EPOLLOUT);
        java.put("EPOLLERR", (long) LinuxEpoll.EPOLLERR);
        java.put("EPOLLHUP", (long) LinuxEpoll.EPOLLHUP);
        java.put("EPOLLRDHUP", (long) LinuxEpoll.EPOLLRDHUP);
        java.put("EPOLLET", (long) LinuxEpoll.EPOLLET);
        java.put("EPOLL_CTL_ADD", (long) LinuxEpoll.EPOLL_CTL_ADD);
        java.put("EPOLL_CTL_DEL", (long) LinuxEpoll.EPOLL_CTL_DEL);
        java.put("EPOLL_CTL_MOD", (long) LinuxEpoll.EPOLL_CTL_MOD);
        java.put("EPOLL_CLOEXEC", (long) LinuxEpoll.EPOLL_CLOEXEC);
        java.put("sizeof(struct epoll_event)", (long) event.size());
        java.put("offsetof(struct epoll_event, events)", (long) event.eventsOffset());
        java.put("offsetof(struct epoll_event, data)", (long) event.dataOffset());
        java.put("EFD_CLOEXEC", (long) EventFd.EFD_CLOEXEC);
        java.put("EFD_NONBLOCK", (long) EventFd.EFD_NONBLOCK);
        return java;
    }

    @BeforeAll
    static void compileAndRun() throws IOException, InterruptedException {
        fromC = HeaderProbe.run("gcc", "layout", program());
    }

    private static String program() {
        StringBuilder c = new StringBuilder();
        c.append("#define _GNU_SOURCE\n");
        for (String header : List.of("stdio.h", "stddef.h", "limits.h", "errno.h", "fcntl.h", "sys/socket.h",
                "netinet/in.h", "netinet/tcp.h", "sys/uio.h", "sys/un.h", "sys/epoll.h", "sys/eventfd.h")) {
            c.append("#include <").append(header).append(">\n");
        }
        c.append("int main(void) {\n");
        for (String key : expected().keySet()) {
            boolean macro = key.matches("[A-Z_0-9]+");
            if (macro) {
                c.append("#ifdef ").append(key).append("\n");
            }
            c.append("    printf(\"%s\\t%lld\\n\", \"").append(key.replace("\"", "\\\""))
                    .append("\", (long long) (").append(key.startsWith("EPOLLET") ? "(int) " : "")
                    .append(key).append("));\n");
            if (macro) {
                c.append("#else\n    printf(\"%s\\t%lld\\n\", \"").append(key).append("\", (long long) ")
                        .append(SocketAbi.ABSENT).append(");\n#endif\n");
            }
        }
        for (String name : new TreeSet<>(Platform.LINUX.errno().names())) {
            c.append("#ifdef ").append(name).append("\n")
                    .append("    printf(\"errno.%s\\t%d\\n\", \"").append(name).append("\", ").append(name).append(");\n")
                    .append("#else\n")
                    .append("    printf(\"errno.%s\\tmissing\\n\", \"").append(name).append("\");\n")
                    .append("#endif\n");
        }
        c.append("    return 0;\n}\n");
        return c.toString();
    }

    @Test
    void socketConstantsAndStructLayoutsMatchTheHeaders() {
        expected().forEach((key, value) -> {
            if (!key.startsWith("EPOLL") && !key.startsWith("EFD") && !key.contains("epoll_event")) {
                assertEquals(String.valueOf(value), fromC.get(key), key);
            }
        });
    }

    @Test
    void epollAndEventfdConstantsAndTheEventLayoutMatchTheHeaders() {
        expected().forEach((key, value) -> {
            if (key.startsWith("EPOLL") || key.startsWith("EFD") || key.contains("epoll_event")) {
                assertEquals(String.valueOf(value), fromC.get(key), key);
            }
        });
    }

    @Test
    void everyErrnoInTheTableHasTheHeadersNumber() {
        ErrnoTable table = Platform.LINUX.errno();
        for (String name : table.names()) {
            assertEquals(String.valueOf(table.number(name)), fromC.get("errno." + name), name);
        }
    }
}
