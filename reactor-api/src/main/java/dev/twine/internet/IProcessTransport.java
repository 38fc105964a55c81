package dev.twine.internet;

/**
 * The transport of a child process (Twisted's {@code IProcessTransport}, semantics.md §10): its standard
 * input to write to, its three pipes to close, and its signals.
 *
 * <p>Twisted's extends {@code ITransport}; this one has the calls a process needs and no more (no
 * addresses, no producer), since a pipe to a child is not a connection.
 *
 * <p>Threading: reactor thread only. Writes never block: they are queued and written by the transport.
 */
public interface IProcessTransport {
    /** The child's process id, or {@code null} once it has exited (Twisted sets {@code pid} to {@code None}). */
    Long pid();

    /** Queues {@code data} for the child's standard input. Ignored once standard input is closed. */
    void write(byte[] data);

    /** {@link #write} to child descriptor {@code childFD}; only 0, standard input, can be written. */
    void writeToChild(int childFD, byte[] data);

    /** Closes the child's standard input once what was written has gone; {@code inConnectionLost} follows. */
    void closeStdin();

    /** Stops reading the child's standard output; {@code outConnectionLost} follows. */
    void closeStdout();

    /** Stops reading the child's standard error; {@code errConnectionLost} follows. */
    void closeStderr();

    /** Closes child descriptor 0, 1 or 2, as the three calls above do. */
    void closeChildFD(int childFD);

    /** Closes all three pipes (Twisted's {@code loseConnection}); the child is not signalled. */
    void loseConnection();

    /**
     * Sends {@code signal} to the child: {@code "TERM"} or {@code "KILL"}, the two Java can send (its
     * {@code Process.destroy} and {@code destroyForcibly}).
     *
     * @throws dev.twine.internet.error.ProcessExitedAlready if the child has exited
     * @throws UnsupportedOperationException for any other signal name, naming it
     */
    void signalProcess(String signal);
}
