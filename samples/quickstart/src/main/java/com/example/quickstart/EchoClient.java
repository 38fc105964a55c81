package com.example.quickstart;

import dev.twine.internet.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The client's protocol: sends one message when connected, hands the first reply to {@code onReply}
 * and hangs up. The reply of a short message over loopback arrives in one read; a longer one would
 * need framing (for example a {@code LineReceiver}).
 */
public class EchoClient extends Protocol {
    private final String message;
    private final Consumer<String> onReply;

    public EchoClient(String message, Consumer<String> onReply) {
        this.message = message;
        this.onReply = onReply;
    }

    @Override
    public void connectionMade() {
        transport.write(message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void dataReceived(byte[] data) {
        onReply.accept(new String(data, StandardCharsets.UTF_8));
        transport.loseConnection();
    }
}
