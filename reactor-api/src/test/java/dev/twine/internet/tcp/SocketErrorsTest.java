package dev.twine.internet.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.error.ConnectBindError;
import dev.twine.internet.error.ConnectError;
import dev.twine.internet.error.ConnectionRefusedError;
import dev.twine.internet.error.NoRouteError;
import dev.twine.internet.error.TCPTimedOutError;
import dev.twine.spi.SocketErrorException;
import org.junit.jupiter.api.Test;

class SocketErrorsTest {

    private static SocketErrorException os(String name) {
        return new SocketErrorException(name, 0, "text for " + name);
    }

    @Test
    void connectErrnosMapToTwistedsConnectErrorClassesKeepingTheErrnoName() {
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
    void theSpiExceptionIsKeptAsTheCause() {
        SocketErrorException e = os("ECONNREFUSED");
        assertSame(e, SocketErrors.connectError(e).getCause());
        ConnectBindError bind = SocketErrors.bindError(os("EADDRINUSE"));
        assertEquals("EADDRINUSE", bind.osError());
        assertTrue(SocketErrors.connectionLost(os("ECONNRESET")).getMessage().contains("ECONNRESET"));
    }

    @Test
    void acceptErrorsAreSortedAsTwistedsAcceptLoopDoes() {
        assertEquals(SocketErrors.AcceptAction.RETRY, SocketErrors.acceptAction(os("EPERM")));
        assertEquals(SocketErrors.AcceptAction.OUT_OF_DESCRIPTORS, SocketErrors.acceptAction(os("EMFILE")));
        assertEquals(SocketErrors.AcceptAction.STOP_ROUND, SocketErrors.acceptAction(os("ENFILE")));
        assertEquals(SocketErrors.AcceptAction.STOP_ROUND, SocketErrors.acceptAction(os("ENOBUFS")));
        assertEquals(SocketErrors.AcceptAction.STOP_ROUND, SocketErrors.acceptAction(os("ECONNABORTED")));
        assertEquals(SocketErrors.AcceptAction.UNEXPECTED, SocketErrors.acceptAction(os("EBADF")));
    }

    @Test
    void enobufsOnWriteMeansTryLaterNotConnectionLost() {
        assertTrue(SocketErrors.isTransientWriteError(os("ENOBUFS")));
        assertTrue(!SocketErrors.isTransientWriteError(os("EPIPE")));
    }
}
