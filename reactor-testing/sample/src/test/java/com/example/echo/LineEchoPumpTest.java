package com.example.echo;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.error.ConnectionDone;
import dev.twine.testing.AccumulatingProtocol;
import dev.twine.testing.IOPump;
import dev.twine.testing.IOSim;
import org.junit.jupiter.api.Test;

/** Way two: a server and a client connected in memory, bytes moved by a pump. No sockets, no threads. */
class LineEchoPumpTest {

    @Test
    void theClientGetsItsLinesBackAndTheCloseAfterThem() {
        IOPump<LineEcho, AccumulatingProtocol> pump = IOSim.connectedServerAndClient(LineEcho::new, AccumulatingProtocol::new);

        pump.client().transport.write("one\r\ntwo\r\nquit\r\n".getBytes(US_ASCII));
        pump.flush();

        assertEquals("one\r\ntwo\r\n", pump.client().dataAsString());
        assertEquals(1, pump.client().closed);
        assertTrue(pump.client().closedReason.value() instanceof ConnectionDone);
    }
}
