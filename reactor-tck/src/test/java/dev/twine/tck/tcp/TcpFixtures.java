package dev.twine.tck.tcp;

import dev.twine.defer.Failure;
import dev.twine.internet.IListeningPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;

/** Small helpers shared by the TCP conformance tests (and the endpoint tests, which run over TCP). */
public final class TcpFixtures {
    /** Every TCP test talks to loopback only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Generous: the machine running the suite may be loaded; no test relies on speed. */
    public static final double TIMEOUT = 60;

    private TcpFixtures() {
    }

    /** Deterministic pseudo-random bytes, so a receiver can check every byte. */
    static byte[] pattern(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The simple class name of a failure's exception, e.g. {@code "ConnectionDone"}. */
    static String name(Failure reason) {
        return reason.type().getSimpleName();
    }

    /** The port number a listening port got. */
    public static int portOf(IListeningPort port) {
        return port.getHost().port();
    }

    /**
     * A loopback port with nothing listening on it: bound and released again just now, so connecting
     * to it is refused (the kernel answers the SYN with a reset).
     */
    public static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return s.getLocalPort();
        }
    }

    /** True if this machine can bind the IPv6 loopback address, {@code ::1}. */
    public static boolean hasIpv6Loopback() {
        try (java.nio.channels.ServerSocketChannel ch = java.nio.channels.ServerSocketChannel.open()) {
            ch.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
