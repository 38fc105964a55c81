package dev.twine.nativeio.windows;

import com.kenai.jffi.MemoryIO;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A block of native memory with an explicit lifetime, read and written at fixed offsets.
 *
 * <p>Memory that the kernel writes <em>asynchronously</em> (an {@code IO_STATUS_BLOCK} and
 * {@code AFD_POLL_INFO} while a poll is pending, the completion-entry array) must not be freed by the garbage
 * collector at an arbitrary moment, so it is allocated here with jffi's {@code malloc} and released only by
 * {@link #free()}, which its owner calls once the kernel is known to be done with it. Field access goes
 * through a little-endian {@link ByteBuffer} view of the block, so reads and writes are bounds-checked Java
 * operations rather than one JNI call per field (the trimmed Windows JRE used under Wine has no
 * {@code sun.misc.Unsafe}, so jffi's own accessors would be JNI calls there).
 *
 * <p>Not thread-safe: a block belongs to one owner (a poller, on the reactor thread).
 */
public final class NativeBlock {
    private static final MemoryIO IO = MemoryIO.getInstance();

    private final long address;
    private final int size;
    private final ByteBuffer view;
    private boolean freed;

    private NativeBlock(long address, int size) {
        this.address = address;
        this.size = size;
        this.view = IO.newDirectByteBuffer(address, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Allocates {@code size} zeroed bytes, aligned for any scalar (malloc's alignment).
     *
     * @throws OutOfMemoryError if the allocation fails
     */
    public static NativeBlock allocate(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        long address = IO.allocateMemory(size, true);
        if (address == 0) {
            throw new OutOfMemoryError("native allocation of " + size + " bytes failed");
        }
        return new NativeBlock(address, size);
    }

    /** The native address of a direct buffer's first byte (not its position). */
    public static long addressOf(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return IO.getDirectBufferAddress((Buffer) direct);
    }

    /**
     * Reads a 4-byte integer at an absolute address, for structures found through a pointer the kernel
     * handed back (a completion entry's {@code lpOverlapped}) rather than through their block.
     */
    public static int peekInt(long address) {
        return IO.getInt(address);
    }

    /** The address of byte {@code offset} of this block. */
    public long address(int offset) {
        checkLive();
        return address + offset;
    }

    /** The block's size in bytes. */
    public int size() {
        return size;
    }

    public int getInt(int offset) {
        return view.getInt(offset);
    }

    public long getLong(int offset) {
        return view.getLong(offset);
    }

    public short getShort(int offset) {
        return view.getShort(offset);
    }

    public void putInt(int offset, int value) {
        view.putInt(offset, value);
    }

    public void putLong(int offset, long value) {
        view.putLong(offset, value);
    }

    public void putShort(int offset, short value) {
        view.putShort(offset, value);
    }

    /** True once {@link #free()} was called. */
    public boolean isFreed() {
        return freed;
    }

    /** Returns the memory to the C heap. Idempotent; the block must not be used afterwards. */
    public void free() {
        if (!freed) {
            freed = true;
            IO.freeMemory(address);
        }
    }

    private void checkLive() {
        if (freed) {
            throw new IllegalStateException("native block used after free");
        }
    }
}
