package dev.twine.backend.iocp;

import dev.twine.spi.Poller;
import dev.twine.spi.SocketError;
import org.junit.jupiter.api.Test;

import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_ABORT;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_ACCEPT;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_CONNECT_FAIL;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_DISCONNECT;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_LOCAL_CLOSE;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_RECEIVE;
import static dev.twine.nativeio.windows.WinLayout.AFD_POLL_SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** How Poller interest becomes an AFD request mask and AFD events become Poller bits. */
class AfdEventsTest {

    @Test
    void readInterestAsksForDataAcceptAndFinPlusTheErrorConditions() {
        assertEquals(AFD_POLL_RECEIVE | AFD_POLL_ACCEPT | AFD_POLL_DISCONNECT
                        | AFD_POLL_ABORT | AFD_POLL_CONNECT_FAIL | AFD_POLL_LOCAL_CLOSE,
                AfdEvents.requestMask(Poller.READ));
    }

    @Test
    void writeOnlyInterestDoesNotAskForTheFinWhichWouldStaySetForever() {
        assertEquals(AFD_POLL_SEND | AFD_POLL_ABORT | AFD_POLL_CONNECT_FAIL | AFD_POLL_LOCAL_CLOSE,
                AfdEvents.requestMask(Poller.WRITE));
    }

    @Test
    void resetIsReadableWithReadHangupErrorAndHangupEvenWhenSendIsAlsoSet() {
        assertEquals(Poller.READ | Poller.READ_HANGUP | Poller.WRITE | Poller.ERROR | Poller.HANGUP,
                AfdEvents.readyOps(AFD_POLL_SEND | AFD_POLL_ABORT));
        assertEquals(SocketError.ECONNRESET, AfdEvents.error(AFD_POLL_ABORT), "the reset travels with the event");
        assertEquals(null, AfdEvents.error(AFD_POLL_RECEIVE | AFD_POLL_DISCONNECT));
    }

    @Test
    void aResetReachesAWriteOnlyHandleAsErrorAndHangupOnly() {
        assertEquals(Poller.ERROR | Poller.HANGUP,
                AfdEvents.reportable(AfdEvents.readyOps(AFD_POLL_ABORT), Poller.WRITE));
    }

    @Test
    void aFinIsAReadableHalfCloseNotAFullHangup() {
        assertEquals(Poller.READ | Poller.READ_HANGUP, AfdEvents.readyOps(AFD_POLL_DISCONNECT));
    }

    @Test
    void aFailedConnectIsWritableWithHangupAndError() {
        assertEquals(Poller.WRITE | Poller.HANGUP | Poller.ERROR, AfdEvents.readyOps(AFD_POLL_CONNECT_FAIL));
    }

    @Test
    void acceptAndReceiveAreRead() {
        assertEquals(Poller.READ, AfdEvents.readyOps(AFD_POLL_ACCEPT));
        assertEquals(Poller.READ, AfdEvents.readyOps(AFD_POLL_RECEIVE));
        assertEquals(Poller.WRITE, AfdEvents.readyOps(AFD_POLL_SEND));
    }

    @Test
    void onlyWantedDirectionsAreReportedButErrorsAlwaysAre() {
        int all = Poller.READ | Poller.WRITE | Poller.ERROR | Poller.HANGUP | Poller.READ_HANGUP;
        assertEquals(Poller.WRITE | Poller.ERROR | Poller.HANGUP, AfdEvents.reportable(all, Poller.WRITE));
        assertEquals(Poller.READ | Poller.READ_HANGUP | Poller.ERROR | Poller.HANGUP,
                AfdEvents.reportable(all, Poller.READ));
    }
}
