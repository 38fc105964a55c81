package dev.twine.internet.process;

import dev.twine.defer.Failure;
import dev.twine.internet.IProcessTransport;
import dev.twine.internet.IReactorThreads;
import dev.twine.internet.ProcessProtocol;
import dev.twine.internet.error.ProcessDone;
import dev.twine.internet.error.ProcessExitedAlready;
import dev.twine.internet.error.ProcessTerminated;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * One child process and its three pipes (Twisted's {@code twisted.internet.process.Process}, semantics.md
 * §10), made by {@code IReactorProcess.spawnProcess}.
 *
 * <p>How the pipes are served: the JDK gives a child's pipes only as blocking streams, so each pipe has a
 * thread of its own that blocks on it, as Twisted's Windows reactor serves pipes with threads. The threads
 * hand every chunk and every end to the reactor with {@code callFromThread}; the protocol hears of them on
 * the reactor thread, in the order each pipe produced them. A reader waits once
 * {@value #CHUNKS_IN_FLIGHT} of its chunks are not yet delivered, so a child that writes faster than the
 * reactor delivers is slowed by its full pipe rather than buffered here without bound.
 *
 * <p>Threading: the public calls are for the reactor thread; the pipe threads touch only their stream, the
 * stdin queue and {@code callFromThread}.
 */
public final class SpawnedProcess implements IProcessTransport {
    private static final System.Logger LOG = System.getLogger(SpawnedProcess.class.getName());
    private static final int CHUNK = 64 * 1024;
    static final int CHUNKS_IN_FLIGHT = 16;
    /** The stdin queue's end marker: compared by identity, so an empty write is not mistaken for it. */
    private static final byte[] CLOSE = new byte[0];

    /** The child's three descriptors, by their numbers. */
    private enum ChildFd {
        STDIN, STDOUT, STDERR;

        int number() {
            return ordinal();
        }
    }

    private final IReactorThreads reactor;
    private final ProcessProtocol protocol;
    private final Process process;
    private final String name;
    /** Pipes the protocol has not yet heard the end of. */
    private final EnumSet<ChildFd> open = EnumSet.allOf(ChildFd.class);
    private final LinkedBlockingQueue<byte[]> stdinQueue = new LinkedBlockingQueue<>();
    private boolean stdinClosing;
    /** The exit value once the child has exited, else {@code null}. */
    private Integer exitValue;
    private boolean ended;

    private SpawnedProcess(IReactorThreads reactor, ProcessProtocol protocol, Process process, String name) {
        this.reactor = reactor;
        this.protocol = protocol;
        this.process = process;
        this.name = name;
    }

    /**
     * Starts the child and connects {@code protocol}, as {@code IReactorProcess.spawnProcess} documents.
     * Call on the reactor thread.
     */
    public static SpawnedProcess spawn(IReactorThreads reactor, ProcessProtocol protocol, String executable,
            List<String> args, Map<String, String> env, String path) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        // Twisted's args[0] is the child's argv[0]; Java always passes the executable there.
        if (args.size() > 1) {
            command.addAll(args.subList(1, args.size()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (env != null) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        if (path != null) {
            builder.directory(new File(path));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        SpawnedProcess spawned = new SpawnedProcess(reactor, protocol, process, executable + " (pid " + process.pid() + ")");
        spawned.startPipeThreads();
        process.onExit().thenAccept(p -> reactor.callFromThread(() -> spawned.exited(p.exitValue())));
        try {
            protocol.makeConnection(spawned);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, spawned.name + ": exception in connectionMade", e);
        }
        return spawned;
    }

    private void startPipeThreads() {
        startThread("stdout", () -> readLoop(ChildFd.STDOUT, process.getInputStream()));
        startThread("stderr", () -> readLoop(ChildFd.STDERR, process.getErrorStream()));
        startThread("stdin", this::writeLoop);
    }

    private void startThread(String pipe, Runnable loop) {
        Thread t = new Thread(loop, "twine-process-" + process.pid() + "-" + pipe);
        t.setDaemon(true);
        t.start();
    }

    // -- the pipe threads --

    private void readLoop(ChildFd fd, InputStream in) {
        Semaphore credits = new Semaphore(CHUNKS_IN_FLIGHT);
        byte[] buffer = new byte[CHUNK];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                byte[] chunk = Arrays.copyOf(buffer, n);
                credits.acquire();
                reactor.callFromThread(() -> {
                    credits.release();
                    deliver(fd, chunk);
                });
            }
        } catch (IOException e) {
            // The pipe failed: its end, as EOF is.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reactor.callFromThread(() -> pipeClosed(fd));
    }

    private void writeLoop() {
        OutputStream out = process.getOutputStream();
        try (out) {
            byte[] data;
            while ((data = stdinQueue.take()) != CLOSE) {
                out.write(data);
                out.flush();
            }
        } catch (IOException e) {
            // EPIPE: the child closed its standard input or exited; what is still queued cannot be written.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reactor.callFromThread(() -> pipeClosed(ChildFd.STDIN));
    }

    // -- the reactor thread --

    private void deliver(ChildFd fd, byte[] chunk) {
        if (!open.contains(fd)) {
            return; // closed by closeStdout/closeStderr: the rest is read and dropped
        }
        try {
            protocol.childDataReceived(fd.number(), chunk);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name + ": exception in childDataReceived", e);
        }
    }

    private void pipeClosed(ChildFd fd) {
        if (open.remove(fd)) {
            try {
                protocol.childConnectionLost(fd.number());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, name + ": exception in childConnectionLost", e);
            }
        }
        maybeEnded();
    }

    private void exited(int value) {
        exitValue = value;
        try {
            protocol.processExited(reason(value));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name + ": exception in processExited", e);
        }
        // Nobody reads the child's standard input any more: end it, as Twisted's reaping does.
        closeStdin();
        maybeEnded();
    }

    private void maybeEnded() {
        if (ended || exitValue == null || !open.isEmpty()) {
            return;
        }
        ended = true;
        try {
            protocol.processEnded(reason(exitValue));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name + ": exception in processEnded", e);
        }
    }

    private static Failure reason(int exitValue) {
        return new Failure(exitValue == 0 ? new ProcessDone(0) : new ProcessTerminated(exitValue));
    }

    // -- IProcessTransport --

    @Override
    public Long pid() {
        return exitValue == null ? process.pid() : null;
    }

    @Override
    public void write(byte[] data) {
        if (!stdinClosing && data.length > 0) {
            stdinQueue.add(data.clone());
        }
    }

    @Override
    public void writeToChild(int childFD, byte[] data) {
        if (childFD != 0) {
            throw new IllegalArgumentException("only child descriptor 0, standard input, can be written, not "
                    + childFD);
        }
        write(data);
    }

    @Override
    public void closeStdin() {
        if (!stdinClosing) {
            stdinClosing = true;
            stdinQueue.add(CLOSE);
        }
    }

    @Override
    public void closeStdout() {
        // The reader thread may be blocked in read(2), which closing the stream would not wake; so the protocol
        // hears the end now, and the thread reads on and drops the rest until the child closes its end.
        pipeClosed(ChildFd.STDOUT);
    }

    @Override
    public void closeStderr() {
        pipeClosed(ChildFd.STDERR);
    }

    @Override
    public void closeChildFD(int childFD) {
        switch (childFD) {
            case 0 -> closeStdin();
            case 1 -> closeStdout();
            case 2 -> closeStderr();
            default -> throw new IllegalArgumentException("a child has descriptors 0, 1 and 2, not " + childFD);
        }
    }

    @Override
    public void loseConnection() {
        closeStdin();
        closeStdout();
        closeStderr();
    }

    @Override
    public void signalProcess(String signal) {
        if (exitValue != null || !process.isAlive()) {
            throw new ProcessExitedAlready(name + " has exited");
        }
        switch (signal) {
            case "TERM" -> process.destroy();
            case "KILL" -> process.destroyForcibly();
            default -> throw new UnsupportedOperationException("Java can send a child TERM or KILL, not " + signal);
        }
    }

    @Override
    public String toString() {
        return "<SpawnedProcess " + name + (exitValue == null ? "" : " exited " + exitValue) + ">";
    }
}
