package dev.twine.internet;

import dev.twine.defer.Failure;
import java.nio.charset.StandardCharsets;

/**
 * The base class for what talks to a child process (Twisted's {@code ProcessProtocol}, semantics.md §10).
 *
 * <p>Order: {@link #makeConnection} (inside {@code spawnProcess}, so {@link #connectionMade} runs before it
 * returns); then, in the order they arrive, {@link #outReceived} and {@link #errReceived} chunks and the
 * three {@code *ConnectionLost} calls as each pipe closes; {@link #processExited} when the child exits;
 * {@link #processEnded} once it has exited and every pipe is closed, last of all. The reason is a
 * {@link dev.twine.internet.error.ProcessDone} for exit status 0, else a
 * {@link dev.twine.internet.error.ProcessTerminated}.
 *
 * <p>Threading: every method is called on the reactor thread. An exception a callback throws is logged,
 * and the process is served on.
 */
public class ProcessProtocol {
    /** The child's transport; set by {@link #makeConnection}. */
    public IProcessTransport transport;

    /** Sets {@link #transport}, then calls {@link #connectionMade}. */
    public void makeConnection(IProcessTransport transport) {
        this.transport = transport;
        connectionMade();
    }

    /** The child has started. */
    public void connectionMade() {
    }

    /** Bytes from child descriptor {@code childFD}; 1 and 2 go to {@link #outReceived} and {@link #errReceived}. */
    public void childDataReceived(int childFD, byte[] data) {
        if (childFD == 1) {
            outReceived(data);
        } else if (childFD == 2) {
            errReceived(data);
        }
    }

    /** Bytes the child wrote to its standard output. */
    public void outReceived(byte[] data) {
    }

    /** Bytes the child wrote to its standard error. */
    public void errReceived(byte[] data) {
    }

    /** Child descriptor {@code childFD} closed; 0, 1 and 2 go to the three calls below. */
    public void childConnectionLost(int childFD) {
        switch (childFD) {
            case 0 -> inConnectionLost();
            case 1 -> outConnectionLost();
            case 2 -> errConnectionLost();
            default -> {
            }
        }
    }

    /** The child's standard input is closed. */
    public void inConnectionLost() {
    }

    /** The child's standard output is closed. */
    public void outConnectionLost() {
    }

    /** The child's standard error is closed. */
    public void errConnectionLost() {
    }

    /** The child exited; its pipes may still hold output. */
    public void processExited(Failure reason) {
    }

    /** The child exited and all its pipes are closed: nothing more will come. */
    public void processEnded(Failure reason) {
    }

    /** {@code data} as UTF-8 text, for protocols that read text output. */
    protected static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
