package dev.twine.bench.servers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What a benchmark server answers: the same bytes whichever stack serves them, so that the load
 * generator sees identical servers and only the stack differs.
 */
public enum Service {
    /** Sends every byte back. */
    ECHO(null),
    /**
     * HTTP/1.1 plaintext: {@code 200 OK} with {@code Hello, World!} for every request, keep-alive,
     * answers in request order however many are pipelined. No {@code Date} header, so every
     * response is the same bytes and no clock is read per request on any stack.
     */
    HTTP(HttpRequestScanner::new,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nServer: bench\r\n\r\nHello, World!"),
    /** RESP: {@code +PONG} to PING (inline or multibulk), an error to anything else. */
    RESP(RespCommandScanner::new, "+PONG\r\n", "-ERR only PING is supported\r\n"),
    /**
     * UDP echo: every datagram goes back to its sender unchanged, on one bound UDP port
     * ({@code listenUDP} on Twine, a {@code DatagramChannel} on Netty). Named {@code udp-echo} on the command line.
     */
    UDP_ECHO(null);

    private final Supplier<RequestScanner> scanners;
    private final byte[][] replies;

    Service(Supplier<RequestScanner> scanners, String... replies) {
        this.scanners = scanners;
        this.replies = new byte[replies.length + 1][];
        for (int i = 0; i < replies.length; i++) {
            this.replies[i + 1] = replies[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** A new scanner for one connection; not for {@link #ECHO}. */
    public RequestScanner newScanner() {
        if (scanners == null) {
            throw new IllegalStateException(this + " does not scan requests");
        }
        return scanners.get();
    }

    /** Reply {@code index} (1-based, as {@link RequestScanner#step} returns it); callers must not modify it. */
    byte[] reply(int index) {
        return replies[index];
    }

    /** The number of distinct replies. */
    int replyCount() {
        return replies.length - 1;
    }

    /**
     * The service called {@code name}, case-insensitively ({@code echo}, {@code http}, {@code resp},
     * {@code udp-echo}).
     */
    public static Service named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
