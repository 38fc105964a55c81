package dev.twine.backend.iocp;

import dev.twine.spi.Poller.ReadySink;
import dev.twine.spi.SocketError;

import java.util.Arrays;

/**
 * The reports one {@link IocpPoller#poll} collects while it processes a batch of completion packets, handed
 * to the sink only after the whole batch is processed (so every request is re-queued before any user code
 * runs). Each request has one poll in flight, so a token appears at most once. Nothing is allocated once
 * the arrays have grown. Reactor thread only.
 */
final class ReadyList {
    private long[] tokens;
    private int[] ops;
    private SocketError[] errors;
    private int count;

    ReadyList(int capacity) {
        tokens = new long[capacity];
        ops = new int[capacity];
        errors = new SocketError[capacity];
    }

    void add(long token, int readyOps, SocketError error) {
        if (count == tokens.length) {
            tokens = Arrays.copyOf(tokens, count * 2);
            ops = Arrays.copyOf(ops, count * 2);
            errors = Arrays.copyOf(errors, count * 2);
        }
        tokens[count] = token;
        ops[count] = readyOps;
        errors[count] = error;
        count++;
    }

    /** Reports everything collected and empties the list; returns the number of reports. */
    int drainTo(ReadySink sink) {
        int n = count;
        count = 0;
        for (int i = 0; i < n; i++) {
            SocketError error = errors[i];
            errors[i] = null;
            sink.ready(tokens[i], ops[i], error);
        }
        return n;
    }
}
