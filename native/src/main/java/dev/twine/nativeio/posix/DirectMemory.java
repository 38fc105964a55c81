package dev.twine.nativeio.posix;

import com.kenai.jffi.MemoryIO;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory for the bindings: long-lived direct buffers, the address of any direct buffer, and
 * blocks with an explicit owner ({@link #block(int)}), on every platform.
 *
 * <p>Every structure the bindings pass to the kernel (event arrays, iovecs, socket addresses) lives
 * in a direct {@link ByteBuffer} allocated once and read or written at fixed offsets with the
 * buffer's absolute, bounds-checked accessors, never through jnr-ffi's {@code Struct} or its
 * small-allocation pool (native.md §1.4).
 *
 * <p>{@link #address(ByteBuffer)} is on the read/write path for callers' own direct buffers, so it
 * reads {@code java.nio.Buffer.address} through {@code sun.misc.Unsafe} (a plain field load once the
 * JIT has inlined the constant method handle) instead of a JNI {@code GetDirectBufferAddress} call.
 * Where {@code Unsafe} is not reachable (the trimmed Windows JRE used under Wine) it falls back to
 * jffi's JNI call. The static methods are thread-safe.
 *
 * <p>A block ({@link #block(int)}) is for memory the kernel writes <em>asynchronously</em> (an IOCP
 * poll's {@code IO_STATUS_BLOCK} and {@code AFD_POLL_INFO}, a completion-entry array): its owner holds it
 * until the kernel is known to be done, then calls {@link #free()}, after which {@link #address(int)}
 * refuses, so a stale record cannot be handed to the kernel again; the memory goes back when the block
 * is unreachable. Fields are read and written through the bounds-checked buffer in the platform's byte
 * order. A block belongs to one owner (a poller, on the reactor thread) and is not thread-safe.
 */
public final class DirectMemory {

    /** {@code Unsafe.getLong(Object, long)} bound to the Unsafe instance, or null when unavailable. */
    private static final MethodHandle GET_LONG;
    private static final long ADDRESS_OFFSET;

    /**
     * {@code MemorySegment.ofBuffer(buffer).address()} on JDK 22+, or null. Looked up reflectively
     * so that this class stays Java 17 bytecode. Preferred to {@code Unsafe} wherever it exists
     * because JDK 24+ prints a warning at the first use of Unsafe's memory-access methods (JEP 498),
     * and because it is what the Panama binding (which never loads jffi) needs. The segment it
     * creates does not escape, so C2 scalar-replaces it: the echo allocation probe measures 0
     * bytes per message on the Panama binding.
     */
    private static final MethodHandle SEGMENT_ADDRESS = segmentAddress();

    private static MethodHandle segmentAddress() {
        if (Runtime.version().feature() < 22) {
            return null;
        }
        try {
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle ofBuffer = lookup.findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class));
            MethodHandle address = lookup.findVirtual(segment, "address", MethodType.methodType(long.class));
            return MethodHandles.filterReturnValue(ofBuffer, address)
                    .asType(MethodType.methodType(long.class, ByteBuffer.class));
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null;
        }
    }

    static {
        MethodHandle getLong = null;
        long offset = -1;
        try {
            if (Runtime.version().feature() >= 22) {
                throw new UnsupportedOperationException("MemorySegment is used instead");
            }
            // Looked up reflectively so the build needs no proprietary-API warning suppression.
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle fieldOffset = lookup.findVirtual(unsafeClass, "objectFieldOffset",
                    MethodType.methodType(long.class, Field.class));
            offset = (long) fieldOffset.invoke(unsafe, Buffer.class.getDeclaredField("address"));
            getLong = lookup.findVirtual(unsafeClass, "getLong",
                    MethodType.methodType(long.class, Object.class, long.class)).bindTo(unsafe);
        } catch (Throwable unavailable) {
            getLong = null;
            offset = -1;
        }
        GET_LONG = getLong;
        ADDRESS_OFFSET = offset;
    }

    private final ByteBuffer buffer;
    private final long base;
    private boolean freed;

    private DirectMemory(int size) {
        this.buffer = allocate(size);
        this.base = address(buffer);
    }

    /**
     * A zeroed block of {@code size} bytes, aligned for any scalar.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public static DirectMemory block(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        return new DirectMemory(size);
    }

    /**
     * Reads a 4-byte integer at an absolute address, for structures found through a pointer the kernel
     * handed back (a completion entry's {@code lpOverlapped}) rather than through their block.
     */
    public static int peekInt(long address) {
        return MemoryIO.getInstance().getInt(address);
    }

    /**
     * Allocates zeroed direct memory in the platform's byte order. The memory is freed by the JDK
     * when the buffer becomes unreachable; owners keep it for their whole life.
     */
    public static ByteBuffer allocate(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }

    /**
     * The address of the first byte of {@code buffer} (index 0, whatever its position).
     *
     * @throws IllegalArgumentException if the buffer is not direct
     */
    public static long address(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        if (SEGMENT_ADDRESS != null) {
            try {
                // ofBuffer's segment starts at the buffer's position; this method answers for index 0.
                return (long) SEGMENT_ADDRESS.invokeExact(buffer) - buffer.position();
            } catch (Throwable impossible) {
                throw new AssertionError(impossible);
            }
        }
        if (GET_LONG != null) {
            try {
                return (long) GET_LONG.invokeExact((Object) buffer, ADDRESS_OFFSET);
            } catch (Throwable impossible) {
                throw new AssertionError(impossible);
            }
        }
        return MemoryIO.getInstance().getDirectBufferAddress(buffer);
    }

    /**
     * The address of byte {@code offset} of this block.
     *
     * @throws IllegalStateException after {@link #free()}
     */
    public long address(int offset) {
        if (freed) {
            throw new IllegalStateException("native block used after free");
        }
        return base + offset;
    }

    /** The block's size in bytes. */
    public int size() {
        return buffer.capacity();
    }

    /** The {@code int} at {@code offset}. */
    public int getInt(int offset) {
        return buffer.getInt(offset);
    }

    /** The {@code long} at {@code offset}. */
    public long getLong(int offset) {
        return buffer.getLong(offset);
    }

    /** Writes an {@code int} at {@code offset}. */
    public void putInt(int offset, int value) {
        buffer.putInt(offset, value);
    }

    /** Writes a {@code long} at {@code offset}. */
    public void putLong(int offset, long value) {
        buffer.putLong(offset, value);
    }

    /** Writes a {@code short} at {@code offset}. */
    public void putShort(int offset, short value) {
        buffer.putShort(offset, value);
    }

    /** Ends the owner's use of the block. Idempotent; the block must not be used afterwards. */
    public void free() {
        freed = true;
    }
}
