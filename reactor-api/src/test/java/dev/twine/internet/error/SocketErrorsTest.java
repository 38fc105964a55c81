package dev.twine.internet.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The one mapping from the SPI's socket errors to Twisted's error classes (semantics.md §1.6 and semantics.md §1.5). */
class SocketErrorsTest {

    private static SocketErrorException os(String name) {
        return new SocketErrorException(SocketError.forName(name), name, 0, "text for " + name);
    }

    @Test
    void connectErrorsMapToTwistedsConnectErrorClassesKeepingTheOsName() {
        assertInstanceOf(ConnectionRefusedError.class, SocketErrors.connectError(os("ECONNREFUSED")));
        assertInstanceOf(TCPTimedOutError.class, SocketErrors.connectError(os("ETIMEDOUT")));
        assertInstanceOf(NoRouteError.class, SocketErrors.connectError(os("ENETUNREACH")));
        assertInstanceOf(NoRouteError.class, SocketErrors.connectError(os("EHOSTUNREACH")));
        ConnectError other = SocketErrors.connectError(os("EADDRNOTAVAIL"));
        assertEquals(ConnectError.class, other.getClass());
        assertEquals("EADDRNOTAVAIL", other.osError());
        assertEquals("An error occurred while connecting: EADDRNOTAVAIL: text for EADDRNOTAVAIL.", other.getMessage());
    }

    @Test
    void anErrorTwineHasNoRuleForKeepsTheOsNameInTheMessage() {
        SocketErrorException e = os("EPROTO");
        assertEquals(SocketError.OTHER, e.error());
        ConnectError error = SocketErrors.connectError(e);
        assertEquals("EPROTO", error.osError());
        assertTrue(error.getMessage().contains("EPROTO"), error.getMessage());
    }

    @Test
    void theSpiExceptionIsKeptAsTheCause() {
        SocketErrorException e = os("ECONNREFUSED");
        assertSame(e, SocketErrors.connectError(e).getCause());
        ConnectBindError bind = SocketErrors.bindError(os("EADDRINUSE"));
        assertEquals("EADDRINUSE", bind.osError());
        assertTrue(SocketErrors.connectionLost(os("ECONNRESET")).getMessage().contains("ECONNRESET"));
    }

    @Test
    void anErrorDeliveredWithAnEventIsAConnectionLostNamingIt() {
        ConnectionLost lost = SocketErrors.reportedWithEvent(SocketError.ECONNRESET);
        assertTrue(lost.getMessage().contains("ECONNRESET"), lost.getMessage());
        SocketErrorException cause = assertInstanceOf(SocketErrorException.class, lost.getCause());
        assertEquals(SocketError.ECONNRESET, cause.error());
        assertInstanceOf(ConnectionRefusedError.class,
                SocketErrors.connectError(SocketErrors.reportedWithEvent(SocketError.ECONNREFUSED).getCause()
                        instanceof SocketErrorException s ? s : null));
    }

    @Test
    void acceptErrorsAreSortedAsTwistedsAcceptLoopDoes() {
        assertEquals(SocketErrors.AcceptAction.RETRY, SocketErrors.acceptAction(os("EPERM")));
        assertEquals(SocketErrors.AcceptAction.OUT_OF_DESCRIPTORS, SocketErrors.acceptAction(os("EMFILE")));
        assertEquals(SocketErrors.AcceptAction.STOP_ROUND, SocketErrors.acceptAction(os("ENFILE")));
        assertEquals(SocketErrors.AcceptAction.STOP_ROUND, SocketErrors.acceptAction(os("ENOBUFS")));
        assertEquals(SocketErrors.AcceptAction.CLIENT_GONE, SocketErrors.acceptAction(os("ECONNABORTED")));
        assertEquals(SocketErrors.AcceptAction.UNEXPECTED, SocketErrors.acceptAction(os("EBADF")));
        assertEquals(SocketErrors.AcceptAction.UNEXPECTED, SocketErrors.acceptAction(new IOException("not an OS error")));
    }

    @Test
    void enobufsOnWriteMeansTryLaterNotConnectionLost() {
        assertTrue(SocketErrors.isTransientWriteError(os("ENOBUFS")));
        assertFalse(SocketErrors.isTransientWriteError(os("EPIPE")));
        assertFalse(SocketErrors.isTransientWriteError(os("EAGAIN")), "would-block is a return value, never an error");
    }

    @Test
    void posixNamesMapToConstantsAndUnknownNamesToOther() {
        assertEquals(SocketError.ECONNRESET, SocketError.forName("ECONNRESET"));
        assertEquals(SocketError.OTHER, SocketError.forName("EWOULDBLOCK"));
        assertEquals(SocketError.OTHER, SocketError.forName(null));
    }
}
