package dev.twine.bench.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bench.Stack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every benchmark server answers the same bytes on every stack, over real loopback sockets. */
class ServerHostTest {

    static Stream<String> stacks() {
        return Stream.of("select", "epoll", Stack.NETTY_NIO, Stack.NETTY_EPOLL);
    }

    private static ServerHost start(String stack, Service service) {
        assumeTrue(Stack.unavailabilityReason(stack).isEmpty(), () -> stack + " unavailable here");
        return ServerHost.start(Stack.of(stack), service, "127.0.0.1", 0, 128);
    }

    /** Sends {@code request} and reads exactly {@code expected} bytes back (5 s timeout). */
    private static byte[] exchange(int port, byte[] request, int expected) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (got.size() < expected) {
                int n = in.read(buf, 0, Math.min(buf.length, expected - got.size()));
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
            return got.toByteArray();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void echoServerSendsEveryByteBack(String stack) throws IOException {
        try (ServerHost server = start(stack, Service.ECHO)) {
            byte[] message = new byte[100_000];
            for (int i = 0; i < message.length; i++) {
                message[i] = (byte) (i * 7);
            }
            assertArrayEquals(message, exchange(server.port(), message, message.length));
            assertEquals(1, server.accepted());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void httpServerAnswersSixteenPipelinedRequestsInOrder(String stack) throws IOException {
        try (ServerHost server = start(stack, Service.HTTP)) {
            String response = new String(Service.HTTP.reply(1), StandardCharsets.US_ASCII);
            byte[] got = exchange(server.port(), ascii("GET / HTTP/1.1\r\nHost: h\r\n\r\n".repeat(16)),
                    response.length() * 16);
            assertEquals(response.repeat(16), new String(got, StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void respServerAnswersInlineAndMultibulkPingWithPong(String stack) throws IOException {
        try (ServerHost server = start(stack, Service.RESP)) {
            byte[] got = exchange(server.port(), ascii("PING\r\n*1\r\n$4\r\nPING\r\n"), 14);
            assertEquals("+PONG\r\n+PONG\r\n", new String(got, StandardCharsets.US_ASCII));
        }
    }
}
