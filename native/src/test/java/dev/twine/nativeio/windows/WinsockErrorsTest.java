package dev.twine.nativeio.windows;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Winsock errors reach the SPI under the POSIX name of the same condition. */
class WinsockErrorsTest {

    @Test
    void connectionErrorsKeepTheirBsdNames() {
        assertEquals("ECONNREFUSED", WinsockErrors.posixName(10061));
        assertEquals("ECONNRESET", WinsockErrors.posixName(10054));
        assertEquals("ECONNABORTED", WinsockErrors.posixName(10053));
        assertEquals("EADDRINUSE", WinsockErrors.posixName(10048));
        assertEquals("ETIMEDOUT", WinsockErrors.posixName(10060));
        assertEquals("EMFILE", WinsockErrors.posixName(10024));
        assertEquals("ENOTCONN", WinsockErrors.posixName(10057));
    }

    @Test
    void wouldBlockIsEagain() {
        assertEquals("EAGAIN", WinsockErrors.posixName(WinsockErrors.WSAEWOULDBLOCK));
    }

    @Test
    void sendAfterShutdownIsEpipeAsOnPosix() {
        assertEquals("EPIPE", WinsockErrors.posixName(WinsockErrors.WSAESHUTDOWN));
    }

    @Test
    void completionWorldErrorsMapToTheSameConditions() {
        assertEquals("ECONNRESET", WinsockErrors.posixName(64));
        assertEquals("ECONNREFUSED", WinsockErrors.posixName(1225));
        assertEquals("ECANCELED", WinsockErrors.posixName(995));
    }

    @Test
    void unknownCodesAreEio() {
        assertEquals("EIO", WinsockErrors.posixName(12345));
        SocketErrorException e = WinsockErrors.exception(12345, "recv");
        assertEquals(SocketError.OTHER, e.error());
        assertEquals("EIO", e.osName());
        assertEquals(12345, e.osCode());
    }

    @Test
    void exceptionsCarryThePosixNameTheWindowsCodeAndTheCall() {
        SocketErrorException e = WinsockErrors.exception(10061, "connect");
        assertEquals(SocketError.ECONNREFUSED, e.error());
        assertEquals(10061, e.osCode());
        assertTrue(e.getMessage().contains("connect"), e.getMessage());
        assertTrue(e.getMessage().contains("WSAECONNREFUSED 10061"), e.getMessage());
    }

    @Test
    void namesAndCodesRoundTrip() {
        for (String name : WinsockErrors.windowsNames()) {
            assertEquals(name, WinsockErrors.windowsName(WinsockErrors.code(name)));
        }
        assertThrows(IllegalArgumentException.class, () -> WinsockErrors.code("WSAENOSUCHTHING"));
    }
}
