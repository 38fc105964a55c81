package dev.twine.bench.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bench.Stack;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The udp-echo server sends every datagram back to its sender unchanged, on every stack. */
class UdpEchoHostTest {

    static Stream<String> stacks() {
        return Stream.of("select", "epoll", Stack.NETTY_NIO, Stack.NETTY_EPOLL);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void echoesEachDatagramToItsSenderUnchanged(String stack) throws Exception {
        assumeTrue(Stack.unavailabilityReason(stack).isEmpty(), () -> stack + " unavailable here");
        try (ServerHost server = ServerHost.start(Stack.of(stack), Service.named("udp-echo"), "127.0.0.1", 0, 128);
                DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(5000);
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.port());
            for (String message : new String[] {"first", "second datagram, longer"}) {
                byte[] sent = message.getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(sent, sent.length, target));
                DatagramPacket got = new DatagramPacket(new byte[256], 256);
                client.receive(got);
                assertArrayEquals(sent, Arrays.copyOf(got.getData(), got.getLength()));
                assertEquals(target, got.getSocketAddress());
            }
            assertEquals(0, server.accepted());
        }
    }
}
