package dev.twine.backend.iocp;

import dev.twine.spi.Poller;
import dev.twine.spi.SocketError;

import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_ABORT;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_ACCEPT;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_CONNECT_FAIL;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_DISCONNECT;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_LOCAL_CLOSE;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_RECEIVE;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_SEND;

/**
 * Translation between {@link Poller} bits and {@code AFD_POLL_*} bits. Pure functions.
 *
 * <p>What is asked for:
 * <ul>
 *   <li>{@link Poller#READ}: {@code RECEIVE | ACCEPT | DISCONNECT}. {@code DISCONNECT} belongs to reading:
 *       it is the peer's FIN, after which a read returns end of stream.</li>
 *   <li>{@link Poller#WRITE}: {@code SEND} (which is also how a finished connect shows up).</li>
 *   <li>Always: {@code ABORT | CONNECT_FAIL | LOCAL_CLOSE}, the error conditions, which like
 *       {@code EPOLLERR} are reported whatever the interest.</li>
 * </ul>
 * {@code DISCONNECT} is left out of a write-only request on purpose: it stays set for ever once the FIN
 * has arrived (level-triggered), so asking for it while nobody reads would make every poll complete at once.
 *
 * <p>What is reported (checked in this order by the reactor, since Windows may set several bits):
 * <ul>
 *   <li>{@code ABORT} (reset) becomes {@link Poller#READ} {@code |} {@link Poller#READ_HANGUP} {@code |}
 *       {@link Poller#ERROR} {@code |} {@link Poller#HANGUP}, the shape of
 *       {@code EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP} after an RST on Linux: a
 *       reader is then asked to read and learns of the reset from {@code recv} ({@code ECONNRESET}), which
 *       is how Twisted turns a reset into {@code ConnectionLost} rather than {@code ConnectionDone}
 *       (semantics.md §1.4). Wine returns 0 from that {@code recv} instead (native.md §5.1), so the poller
 *       also hands {@link SocketError#ECONNRESET} to the reactor with the event ({@link #error}). A handle
 *       without read interest gets only {@code ERROR | HANGUP}
 *       ({@link #reportable}).</li>
 *   <li>{@code CONNECT_FAIL} becomes {@link Poller#WRITE} {@code |} {@link Poller#HANGUP} {@code |}
 *       {@link Poller#ERROR}, the shape of a failed non-blocking connect under epoll; {@code finishConnect}
 *       then reads {@code SO_ERROR}.</li>
 *   <li>{@code DISCONNECT} becomes {@link Poller#READ} {@code |} {@link Poller#READ_HANGUP}, like
 *       {@code EPOLLIN | EPOLLRDHUP} for a FIN (and like wepoll's translation): the connection is only
 *       half closed, so writing may go on (Twisted's half-close, semantics.md §1.7).</li>
 *   <li>{@code RECEIVE} and {@code ACCEPT} become {@link Poller#READ}; {@code SEND} becomes
 *       {@link Poller#WRITE}.</li>
 * </ul>
 */
final class AfdEvents {

    /** Bits requested whatever the interest. */
    static final int ALWAYS = AFD_POLL_ABORT | AFD_POLL_CONNECT_FAIL | AFD_POLL_LOCAL_CLOSE;
    static final int FOR_READ = AFD_POLL_RECEIVE | AFD_POLL_ACCEPT | AFD_POLL_DISCONNECT;
    static final int FOR_WRITE = AFD_POLL_SEND;

    private AfdEvents() {
    }

    /** The {@code AFD_POLL_*} mask to request for a (non-zero) Poller interest. */
    static int requestMask(int interest) {
        int mask = ALWAYS;
        if ((interest & Poller.READ) != 0) {
            mask |= FOR_READ;
        }
        if ((interest & Poller.WRITE) != 0) {
            mask |= FOR_WRITE;
        }
        return mask;
    }

    /** The Poller bits for the {@code AFD_POLL_*} events that fired. */
    static int readyOps(int afdEvents) {
        int ops = 0;
        if ((afdEvents & (AFD_POLL_RECEIVE | AFD_POLL_ACCEPT)) != 0) {
            ops |= Poller.READ;
        }
        if ((afdEvents & AFD_POLL_SEND) != 0) {
            ops |= Poller.WRITE;
        }
        if ((afdEvents & AFD_POLL_DISCONNECT) != 0) {
            ops |= Poller.READ | Poller.READ_HANGUP;
        }
        if ((afdEvents & AFD_POLL_ABORT) != 0) {
            ops |= Poller.READ | Poller.READ_HANGUP | Poller.ERROR | Poller.HANGUP;
        }
        if ((afdEvents & AFD_POLL_CONNECT_FAIL) != 0) {
            ops |= Poller.WRITE | Poller.ERROR | Poller.HANGUP;
        }
        return ops;
    }

    /**
     * The socket error the events carry: {@link SocketError#ECONNRESET} for {@code ABORT}, else null. A
     * failed connect ({@code CONNECT_FAIL}) carries none here: {@code finishConnect} reads it from
     * {@code SO_ERROR}.
     */
    static SocketError error(int afdEvents) {
        return (afdEvents & AFD_POLL_ABORT) != 0 ? SocketError.ECONNRESET : null;
    }

    /**
     * The bits a poller reports for a handle whose interest is {@code interest} (the table in
     * {@link Poller}): the wanted READ/WRITE bits, {@link Poller#READ_HANGUP} only to a reader (it is about
     * the read side), and the error conditions {@link Poller#ERROR} and {@link Poller#HANGUP} whatever the
     * interest, as epoll does.
     */
    static int reportable(int readyOps, int interest) {
        int keep = interest | Poller.HANGUP | Poller.ERROR;
        if ((interest & Poller.READ) != 0) {
            keep |= Poller.READ_HANGUP;
        }
        return readyOps & keep;
    }
}
