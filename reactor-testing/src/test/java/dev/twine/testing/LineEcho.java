package dev.twine.testing;

import dev.twine.protocols.basic.LineReceiver;

/** The protocol the kit's tests exercise three ways: echoes each line back, and closes on "quit". */
class LineEcho extends LineReceiver {
    @Override
    public void lineReceived(byte[] line) {
        if (new String(line, java.nio.charset.StandardCharsets.US_ASCII).equals("quit")) {
            transport.loseConnection();
            return;
        }
        sendLine(line);
    }
}
