package dev.twine.examples.fib;

import dev.twine.internet.Protocol;
import java.nio.charset.StandardCharsets;

/**
 * Answers every chunk a client sends with the next number of the shared sequence, in ASCII digits
 * followed by a line break (so that consecutive answers stay apart on the client's side).
 *
 * <p>A chunk is whatever one read delivered: "one request per chunk" is the protocol, as in the
 * tutorial, so a client should wait for each answer before asking again.
 */
final class FibProtocol extends Protocol {
    private final FibonacciService sequence;

    FibProtocol(FibonacciService sequence) {
        this.sequence = sequence;
    }

    @Override
    public void dataReceived(byte[] data) {
        transport.write((sequence.next() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
