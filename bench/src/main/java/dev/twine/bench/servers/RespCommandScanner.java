package dev.twine.bench.servers;

/**
 * Finds the end of each Redis command in RESP, both forms {@code redis-benchmark} sends:
 * inline ({@code PING\r\n}) and multibulk ({@code *1\r\n$4\r\nPING\r\n}), as described in the
 * Redis protocol specification ("Sending commands to a Redis server", "Inline commands").
 *
 * <p>Reply 1 ({@code +PONG}) for {@code PING} in any case, with or without arguments; reply 2 (an
 * error) for every other command, which is what {@code redis-benchmark}'s start-up
 * {@code CONFIG GET} receives (it then carries on with a warning). An empty inline line gets no
 * reply, as in Redis. Lenient on malformed input: a multibulk header that is not followed by a
 * {@code $} simply restarts, since only load generators talk to this server.
 */
public final class RespCommandScanner implements RequestScanner {

    /** Reply index for PING. */
    public static final int PONG = 1;
    /** Reply index for anything else. */
    public static final int ERROR = 2;

    private static final byte[] PING = {'p', 'i', 'n', 'g'};

    private enum State { START, INLINE, ARRAY_LENGTH, BULK_HEADER, BULK_LENGTH, BULK_DATA, BULK_END }

    private State state = State.START;
    private long number;
    private long argumentsLeft;
    private long bulkLeft;
    private int argumentIndex;
    private int crlfLeft;
    /** Bytes of the first argument seen so far, and whether they still spell a prefix of PING. */
    private int nameLength;
    private boolean nameIsPing;
    private boolean inlineNameDone;

    @Override
    public int step(byte b) {
        switch (state) {
            case START:
                nameLength = 0;
                nameIsPing = true;
                if (b == '*') {
                    number = 0;
                    state = State.ARRAY_LENGTH;
                    return NONE;
                }
                inlineNameDone = false;
                state = State.INLINE;
                return inline(b);
            case INLINE:
                return inline(b);
            case ARRAY_LENGTH:
                if (b == '\n') {
                    argumentsLeft = number;
                    argumentIndex = 0;
                    state = argumentsLeft > 0 ? State.BULK_HEADER : State.START;
                } else if (b >= '0' && b <= '9') {
                    number = number * 10 + (b - '0');
                }
                return NONE;
            case BULK_HEADER:
                state = b == '$' ? State.BULK_LENGTH : State.START;
                number = 0;
                return NONE;
            case BULK_LENGTH:
                if (b == '\n') {
                    bulkLeft = number;
                    crlfLeft = 2;
                    state = bulkLeft > 0 ? State.BULK_DATA : State.BULK_END;
                } else if (b >= '0' && b <= '9') {
                    number = number * 10 + (b - '0');
                }
                return NONE;
            case BULK_DATA:
                if (argumentIndex == 0) {
                    name(b);
                }
                if (--bulkLeft == 0) {
                    state = State.BULK_END;
                }
                return NONE;
            case BULK_END:
                if (--crlfLeft > 0) {
                    return NONE;
                }
                argumentIndex++;
                if (--argumentsLeft > 0) {
                    state = State.BULK_HEADER;
                    return NONE;
                }
                state = State.START;
                return reply();
            default:
                throw new IllegalStateException(state.name());
        }
    }

    private int inline(byte b) {
        if (b == '\n') {
            state = State.START;
            return nameLength == 0 ? NONE : reply();
        }
        if (b == '\r') {
            return NONE;
        }
        if (b == ' ') {
            inlineNameDone = nameLength > 0;
            return NONE;
        }
        if (!inlineNameDone) {
            name(b);
        }
        return NONE;
    }

    private void name(byte b) {
        int lower = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        nameIsPing &= nameLength < PING.length && lower == PING[nameLength];
        nameLength++;
    }

    private int reply() {
        return nameIsPing && nameLength == PING.length ? PONG : ERROR;
    }
}
