package com.example.echo;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.testing.StringTransport;
import org.junit.jupiter.api.Test;

/** Way one: the protocol alone, on a transport that records what it writes. */
class LineEchoStringTransportTest {

    @Test
    void echoesALineThatArrivesInPieces() {
        StringTransport transport = new StringTransport();
        LineEcho echo = new LineEcho();
        echo.makeConnection(transport);

        echo.dataReceived("hel".getBytes(US_ASCII));
        echo.dataReceived("lo\r\n".getBytes(US_ASCII));

        assertEquals("hello\r\n", transport.valueAsString());
    }

    @Test
    void quitClosesTheConnection() {
        StringTransport transport = new StringTransport();
        LineEcho echo = new LineEcho();
        echo.makeConnection(transport);

        echo.dataReceived("quit\r\n".getBytes(US_ASCII));

        assertTrue(transport.isDisconnecting());
    }
}
