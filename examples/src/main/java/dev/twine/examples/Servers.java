package dev.twine.examples;

/** What the example servers share. */
public final class Servers {
    /**
     * The listen backlog of every example server.
     *
     * <p>Twisted's default is 50. That is too small for the tutorial's "1,000 clients at once": when the
     * accept queue is full, Linux drops the last ACK of a client's handshake (with
     * {@code tcp_abort_on_overflow=0}) and later its SYNs, so a client can believe it is connected while
     * the server never accepts it, and once the server's SYN-ACK retries run out that client waits
     * forever. With 1,000 simultaneous connects to a backlog of 50 we saw hundreds of clients hang, with
     * Twine and with Twisted alike. 1024 stays under Linux's default {@code somaxconn} (4096) and is
     * clamped to it where that is lower.
     */
    public static final int BACKLOG = 1024;

    private Servers() {
    }
}
