package dev.twine.examples.broadcast;

import dev.twine.defer.Failure;
import dev.twine.examples.HostPort;
import dev.twine.examples.Out;
import dev.twine.internet.Protocol;
import java.nio.charset.StandardCharsets;

/**
 * One broadcast client's connection (the tutorial's {@code Spreader}): greets the client, relays what it
 * sends to every other client, and closes when it sends {@code close}.
 *
 * <p>A chunk is relayed exactly as received, never re-framed, and never back to its sender. The word
 * {@code close} counts when it is a whole chunk, alone or followed by a line break (as {@code nc} sends
 * it); it is not relayed.
 *
 * <p>Threading: reactor thread only.
 */
final class Spreader extends Protocol {
    /** Bytes of a message shown in the log. */
    private static final int PREVIEW = 200;

    private final BroadcastFactory hub;
    private int id;
    private SlowReaderValve valve;

    Spreader(BroadcastFactory hub) {
        this.hub = hub;
    }

    int id() {
        return id;
    }

    @Override
    public void connectionMade() {
        id = hub.join(this);
        valve = new SlowReaderValve(tcpTransport());
        valve.attach();
        transport.write(("欢迎来到 Twisted World, 您是第 " + id + " 个客户端用户!\n").getBytes(StandardCharsets.UTF_8));
        Out.println("new connect: " + id);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (isClose(data)) {
            valve.detach();
            transport.loseConnection();
            return;
        }
        Out.println("spreading message from " + id + " (" + HostPort.format(transport.getPeer()) + "): "
                + printable(data) + (data.length > PREVIEW ? " [" + data.length + " bytes]" : ""));
        hub.relay(this, data);
    }

    /** Relays {@code message} from another client to this one, within the backpressure policy. */
    void deliver(byte[] message) {
        boolean wasDropped = valve.dropped();
        valve.offer(message);
        if (!wasDropped && valve.dropped()) {
            Out.println("client " + id + " is not reading (over " + SlowReaderValve.MAX_BEHIND
                    + " bytes behind); dropping it");
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        super.connectionLost(reason);
        hub.leave(this);
        Out.println("lost connect: " + id);
    }

    static boolean isClose(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        return s.equals("close") || s.equals("close\n") || s.equals("close\r\n");
    }

    /** The chunk as text for the log: one line, control characters escaped, long chunks cut short. */
    private static String printable(byte[] data) {
        String s = new String(data, 0, Math.min(data.length, PREVIEW), StandardCharsets.UTF_8).strip();
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (Character.isISOControl(c)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return data.length > PREVIEW ? sb + "..." : sb.toString();
    }
}
