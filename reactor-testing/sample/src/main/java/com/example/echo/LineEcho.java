package com.example.echo;

import dev.twine.protocols.basic.LineReceiver;
import java.nio.charset.StandardCharsets;

/** Echoes every line back; the line {@code quit} closes the connection. Reactor thread only. */
public class LineEcho extends LineReceiver {
    @Override
    public void lineReceived(byte[] line) {
        if ("quit".equals(new String(line, StandardCharsets.US_ASCII))) {
            transport.loseConnection();
            return;
        }
        sendLine(line);
    }
}
