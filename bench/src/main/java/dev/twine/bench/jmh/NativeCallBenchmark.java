package dev.twine.bench.jmh;

import dev.twine.nativeio.binding.NativeBinding;
import dev.twine.nativeio.linux.LinuxBindings;
import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.posix.JnrPosixSockets;
import dev.twine.nativeio.posix.PosixSockets;
import dev.twine.nativeio.posix.SocketCalls;
import dev.twine.spi.SocketErrorException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.Native;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import jnr.ffi.annotations.IgnoreError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one native call costs through Twine's two bindings (Panama and jnr-ffi), beside Netty's JNI
 * and the JDK, in nanoseconds per call. The method name's suffix is the binding.
 *
 * <p>The Panama binding is compiled for Java 22 and this module for 17, so its classes are reached
 * through constant method handles and the {@code NativeBinding} interface, found by name; on a JDK
 * older than 22 the {@code _twinePanama} benchmarks fail in setup with the reason, and the others run.
 *
 * <ul>
 *   <li>{@code trivialCall}: the pure call overhead, no system call: libc {@code abs} through
 *       jnr-ffi (declared the way Twine declares its hot calls: primitives only, errno ignored)
 *       and through Panama ({@code critical}, like every Panama call that cannot block), against
 *       Netty's JNI {@code Native.sizeofEpollEvent()}, which returns a constant.</li>
 *   <li>{@code getpid_twineJnr}, {@code getpid_twinePanama}: each binding around the cheapest real system call, to show
 *       what the kernel entry adds (no Netty or JDK equivalent is a direct call).</li>
 *   <li>{@code readEmpty}: {@code read} on a connected, empty, non-blocking TCP socket, which fails
 *       with {@code EAGAIN}, the call a level-triggered loop makes at the end of every read burst:
 *       Twine's raw bindings ({@code PosixSockets.read} on jnr-ffi and on Panama, errno fetched
 *       because it failed), Twine's {@code SocketCalls.recv} on the binding chosen for this JDK (what the transport calls: recv(2),
 *       which costs as read(2) here; errno mapped to "would block"), Netty's
 *       {@code FileDescriptor.readAddress} on the same descriptor, and the JDK's non-blocking
 *       {@code SocketChannel.read} on a socket of its own.</li>
 * </ul>
 * Linux only (Twine's Linux tables and Netty's epoll library); elsewhere the setup fails with the
 * reason.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NativeCallBenchmark {

    /**
     * Trivial libc functions bound with Twine's loader ({@code JnrPosixSockets.loadLibC}), so they
     * go through the same jnr-ffi path as Twine's socket calls. Public for jnr-ffi's generated class.
     */
    public interface TrivialLibC {
        @IgnoreError int abs(int value);

        @IgnoreError int getpid();
    }

    private static final int READ_LENGTH = 4096;

    private TrivialLibC libc;
    private PosixSockets sockets;
    private SocketCalls calls;
    private FileDescriptor nettyView;
    private ServerSocketChannel listener;
    private SocketChannel acceptedForTwine;
    private SocketChannel jdkClient;
    private SocketChannel acceptedForJdk;
    private ByteBuffer jdkBuffer;
    private ByteBuffer buffer;
    private long address;
    private int fd = -1;
    private int argument = -42;

    private static final String PANAMA_PROBES = "dev.twine.nativeio.panama.CallCostProbes";
    /** {@code CallCostProbes.abs}/{@code getpid}, or handles that throw the reason they are missing. */
    private static final MethodHandle PANAMA_ABS = panamaProbe("abs", MethodType.methodType(int.class, int.class));
    private static final MethodHandle PANAMA_GETPID = panamaProbe("getpid", MethodType.methodType(int.class));

    private static MethodHandle panamaProbe(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findStatic(Class.forName(PANAMA_PROBES), name, type);
        } catch (ReflectiveOperationException | LinkageError e) {
            MethodHandle thrower = MethodHandles.throwException(type.returnType(), IllegalStateException.class);
            thrower = MethodHandles.insertArguments(thrower, 0,
                    new IllegalStateException("the Panama binding is not loadable here: " + e));
            return MethodHandles.dropArguments(thrower, 0, type.parameterList());
        }
    }

    private PosixSockets panamaSockets;

    @Setup(Level.Trial)
    public void open() throws IOException, InterruptedException {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            throw new IllegalStateException("skipping: the native call benchmark is Linux-only");
        }
        Epoll.ensureAvailability();
        LinuxBindings bindings = LinuxBindings.load();
        libc = JnrPosixSockets.loadLibC(TrivialLibC.class);
        sockets = JnrPosixSockets.load();
        panamaSockets = panamaSockets();
        calls = bindings.socketCalls();
        buffer = DirectMemory.allocate(READ_LENGTH);
        address = DirectMemory.address(buffer);

        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress at = (InetSocketAddress) listener.getLocalAddress();
        fd = calls.openStream(false);
        calls.connect(fd, false, at);
        acceptedForTwine = listener.accept();
        awaitConnected();
        nettyView = new FileDescriptor(fd);

        jdkClient = SocketChannel.open(at);
        jdkClient.configureBlocking(false);
        acceptedForJdk = listener.accept();
        jdkBuffer = ByteBuffer.allocateDirect(READ_LENGTH);

        // The benchmarks mean nothing unless every read really is the "nothing to read" case.
        if (readEmpty_twineSocketCalls() != SocketCalls.WOULD_BLOCK || readEmpty_nettyJni() != 0
                || readEmpty_jdkNio() != 0) {
            throw new IllegalStateException("the socket is not empty and non-blocking");
        }
    }

    /** The Panama binding's socket calls, or null where it cannot load (JDK < 22, artifact absent). */
    private static PosixSockets panamaSockets() {
        try {
            return ((NativeBinding) Class.forName("dev.twine.nativeio.panama.PanamaBinding")
                    .getConstructor().newInstance()).posixSockets();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** A non-blocking connect on loopback completes within a moment; wait for it, boundedly. */
    private void awaitConnected() throws SocketErrorException, InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (calls.pendingError(fd) == 0 && readEmpty_twineJnr() != 0) {
                return;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("the benchmark socket did not connect");
    }

    @Benchmark
    public int trivialCall_twineJnr() {
        return libc.abs(argument);
    }

    @Benchmark
    public int trivialCall_twinePanama() throws Throwable {
        return (int) PANAMA_ABS.invokeExact(argument);
    }

    @Benchmark
    public int trivialCall_nettyJni() {
        return Native.sizeofEpollEvent();
    }

    @Benchmark
    public int getpid_twineJnr() {
        return libc.getpid();
    }

    @Benchmark
    public int getpid_twinePanama() throws Throwable {
        return (int) PANAMA_GETPID.invokeExact();
    }

    @Benchmark
    public long readEmpty_twinePanama() {
        if (panamaSockets == null) {
            throw new IllegalStateException("the Panama binding is not loadable here");
        }
        return panamaSockets.read(fd, address, READ_LENGTH);
    }

    @Benchmark
    public long readEmpty_twineJnr() {
        return sockets.read(fd, address, READ_LENGTH);
    }

    @Benchmark
    public long readEmpty_twineSocketCalls() throws SocketErrorException {
        return calls.recv(fd, address, READ_LENGTH);
    }

    @Benchmark
    public int readEmpty_nettyJni() throws IOException {
        return nettyView.readAddress(address, 0, READ_LENGTH);
    }

    @Benchmark
    public int readEmpty_jdkNio() throws IOException {
        jdkBuffer.clear();
        return jdkClient.read(jdkBuffer);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (fd >= 0) {
            calls.close(fd);
            fd = -1;
        }
        for (java.io.Closeable c : new java.io.Closeable[] {jdkClient, acceptedForJdk, acceptedForTwine, listener}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
