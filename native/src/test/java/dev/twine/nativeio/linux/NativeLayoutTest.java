package dev.twine.nativeio.linux;

import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.nativeio.posix.SocketAbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the Java tables against the C headers of this machine: a C program is generated and
 * compiled with gcc into {@code target/native-layout}, prints {@code sizeof}, {@code offsetof} and
 * constant values, and every value is compared with what the Java tables say. Skipped, with the
 * reason, where gcc or the headers are missing.
 */
class NativeLayoutTest {

    private static Map<String, String> fromC;

    /** What the Java side says, keyed like the C program's output lines. */
    private static Map<String, Long> expected() {
        SocketAbi abi = LinuxSocketAbi.current();
        EpollEvent event = EpollEvent.current();
        Map<String, Long> java = new LinkedHashMap<>();
        java.put("AF_INET", (long) abi.afInet());
        java.put("AF_INET6", (long) abi.afInet6());
        java.put("SOCK_STREAM", (long) abi.sockStream());
        java.put("SOCK_NONBLOCK", (long) abi.sockNonblock());
        java.put("SOCK_CLOEXEC", (long) abi.sockCloexec());
        java.put("SOL_SOCKET", (long) abi.solSocket());
        java.put("SO_REUSEADDR", (long) abi.soReuseaddr());
        java.put("SO_ERROR", (long) abi.soError());
        java.put("SO_KEEPALIVE", (long) abi.soKeepalive());
        java.put("SO_LINGER", (long) abi.soLinger());
        java.put("IPPROTO_TCP", (long) abi.ipprotoTcp());
        java.put("TCP_NODELAY", (long) abi.tcpNodelay());
        java.put("SHUT_RD", (long) abi.shutRd());
        java.put("SHUT_WR", (long) abi.shutWr());
        java.put("F_GETFL", (long) abi.fGetfl());
        java.put("F_SETFL", (long) abi.fSetfl());
        java.put("O_NONBLOCK", (long) abi.oNonblock());
        java.put("F_GETFD", (long) abi.fGetfd());
        java.put("F_SETFD", (long) abi.fSetfd());
        java.put("FD_CLOEXEC", (long) abi.fdCloexec());
        java.put("sizeof(struct sockaddr_in)", (long) abi.sockaddrInSize());
        java.put("offsetof(struct sockaddr_in, sin_family)", 0L);
        java.put("sizeof(((struct sockaddr_in *) 0)->sin_family)", abi.sockaddrHasLength() ? 1L : 2L);
        java.put("offsetof(struct sockaddr_in, sin_port)", (long) abi.sinPortOffset());
        java.put("offsetof(struct sockaddr_in, sin_addr)", (long) abi.sinAddrOffset());
        java.put("sizeof(struct sockaddr_in6)", (long) abi.sockaddrIn6Size());
        java.put("offsetof(struct sockaddr_in6, sin6_port)", (long) abi.sin6PortOffset());
        java.put("offsetof(struct sockaddr_in6, sin6_flowinfo)", (long) abi.sin6FlowinfoOffset());
        java.put("offsetof(struct sockaddr_in6, sin6_addr)", (long) abi.sin6AddrOffset());
        java.put("offsetof(struct sockaddr_in6, sin6_scope_id)", (long) abi.sin6ScopeIdOffset());
        java.put("sizeof(struct sockaddr_storage)", (long) abi.sockaddrStorageSize());
        java.put("sizeof(struct linger)", (long) abi.lingerSize());
        java.put("offsetof(struct linger, l_onoff)", (long) abi.lingerOnoffOffset());
        java.put("offsetof(struct linger, l_linger)", (long) abi.lingerLingerOffset());
        java.put("sizeof(struct iovec)", (long) abi.iovecSize());
        java.put("offsetof(struct iovec, iov_base)", (long) abi.iovBaseOffset());
        java.put("offsetof(struct iovec, iov_len)", (long) abi.iovLenOffset());
        java.put("sizeof(((struct iovec *) 0)->iov_len)", 8L);
        java.put("IOV_MAX", (long) abi.iovMax());
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
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "Linux headers only");
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "native-layout");
        Files.createDirectories(dir);
        Path source = dir.resolve("layout.c");
        Path binary = dir.resolve("layout");
        Files.writeString(source, program(), StandardCharsets.US_ASCII);
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-std=c11", "-Wall", "-o", binary.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noGcc) {
            Assumptions.abort("gcc is not installed: " + noGcc.getMessage());
            return;
        }
        String gccOutput = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(gcc.waitFor(2, TimeUnit.MINUTES) && gcc.exitValue() == 0,
                "gcc could not build the layout program (missing headers?): " + gccOutput);
        Process run = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(run.waitFor(1, TimeUnit.MINUTES), "layout program finished");
        assertEquals(0, run.exitValue(), output);
        fromC = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                fromC.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
    }

    private static String program() {
        StringBuilder c = new StringBuilder();
        c.append("#define _GNU_SOURCE\n");
        for (String header : List.of("stdio.h", "stddef.h", "limits.h", "errno.h", "fcntl.h", "sys/socket.h",
                "netinet/in.h", "netinet/tcp.h", "sys/uio.h", "sys/epoll.h", "sys/eventfd.h")) {
            c.append("#include <").append(header).append(">\n");
        }
        c.append("int main(void) {\n");
        for (String key : expected().keySet()) {
            c.append("    printf(\"%s\\t%lld\\n\", \"").append(key.replace("\"", "\\\""))
                    .append("\", (long long) (").append(key.startsWith("EPOLLET") ? "(int) " : "")
                    .append(key).append("));\n");
        }
        for (String name : new TreeSet<>(LinuxErrno.TABLE.names())) {
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
        ErrnoTable table = LinuxErrno.TABLE;
        for (String name : table.names()) {
            assertEquals(String.valueOf(table.number(name)), fromC.get("errno." + name), name);
        }
    }
}
