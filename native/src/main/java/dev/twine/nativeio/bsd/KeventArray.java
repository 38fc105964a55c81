package dev.twine.nativeio.bsd;

import dev.twine.nativeio.posix.DirectMemory;

import java.nio.ByteBuffer;

/**
 * A fixed-capacity array of {@code struct kevent} in direct memory, read and written at the offsets
 * of one {@link KeventLayout}: the change lists and event lists handed to {@code kevent(2)}.
 *
 * <p>Fields are accessed with the buffer's absolute, bounds-checked accessors in native byte order;
 * 64-bit fields are read as Java {@code long}s, never as C {@code long} (which is 32-bit on Win64 and
 * is what jnr-ffi's {@code Pointer.getLong} reads). Writing an entry writes every field, including a
 * zeroed FreeBSD {@code ext[4]}, so no stale bytes reach the kernel.
 *
 * <p>The memory is allocated once and lives as long as the array. Not thread-safe, except that an
 * array no longer written after construction may be passed to {@code kevent} from any thread.
 */
public final class KeventArray {

    private final KeventLayout layout;
    private final int capacity;
    private final ByteBuffer memory;
    private final long address;

    /**
     * @param layout   the ABI of the {@code kevent} these entries are for
     * @param capacity the number of entries
     */
    public KeventArray(KeventLayout layout, int capacity) {
        this(layout, capacity, capacity * layout.size());
    }

    /**
     * An array with more memory than its entries need: for talking to a library whose ABI is not yet
     * known to match {@code layout}, so that a library with a larger stride still reads and writes
     * inside this memory (see the start-up self-check).
     */
    public KeventArray(KeventLayout layout, int capacity, int bytes) {
        if (capacity <= 0 || bytes < capacity * layout.size()) {
            throw new IllegalArgumentException("capacity " + capacity + " does not fit in " + bytes + " bytes");
        }
        this.layout = layout;
        this.capacity = capacity;
        this.memory = DirectMemory.allocate(bytes);
        this.address = DirectMemory.address(memory);
    }

    /** The layout entries are written in. */
    public KeventLayout layout() {
        return layout;
    }

    /** The number of entries. */
    public int capacity() {
        return capacity;
    }

    /** The address of entry 0, for {@code kevent}. */
    public long address() {
        return address;
    }

    private int base(int index) {
        return index * layout.size();
    }

    /** Writes every field of entry {@code index}; ext, where the layout has it, is zeroed. */
    public void put(int index, long ident, short filter, int flags, int fflags, long data, long udata) {
        int at = base(index);
        memory.putLong(at + layout.identOffset(), ident);
        memory.putShort(at + layout.filterOffset(), filter);
        memory.putShort(at + layout.flagsOffset(), (short) flags);
        memory.putInt(at + layout.fflagsOffset(), fflags);
        memory.putLong(at + layout.dataOffset(), data);
        memory.putLong(at + layout.udataOffset(), udata);
        if (layout.hasExt()) {
            for (int i = 0; i < 4; i++) {
                memory.putLong(at + layout.extOffset() + 8 * i, 0L);
            }
        }
    }

    /** Rewrites only the flags of entry {@code index}. */
    public void flags(int index, int flags) {
        memory.putShort(base(index) + layout.flagsOffset(), (short) flags);
    }

    /** {@code ident} of entry {@code index}. */
    public long ident(int index) {
        return memory.getLong(base(index) + layout.identOffset());
    }

    /** {@code filter} of entry {@code index}, signed. */
    public short filter(int index) {
        return memory.getShort(base(index) + layout.filterOffset());
    }

    /** {@code flags} of entry {@code index}, as an unsigned 16-bit value. */
    public int flags(int index) {
        return memory.getShort(base(index) + layout.flagsOffset()) & 0xffff;
    }

    /** {@code fflags} of entry {@code index}, as the 32 bits the kernel wrote. */
    public int fflags(int index) {
        return memory.getInt(base(index) + layout.fflagsOffset());
    }

    /** {@code data} of entry {@code index}. */
    public long data(int index) {
        return memory.getLong(base(index) + layout.dataOffset());
    }

    /** {@code udata} of entry {@code index}. */
    public long udata(int index) {
        return memory.getLong(base(index) + layout.udataOffset());
    }

    /**
     * {@code ext[i]} of entry {@code index} (FreeBSD only).
     *
     * @throws IllegalStateException if the layout has no ext
     */
    public long ext(int index, int i) {
        requireExt();
        return memory.getLong(base(index) + layout.extOffset() + 8 * i);
    }

    /** Sets {@code ext[i]} of entry {@code index} (FreeBSD only; ext[2..3] are returned unchanged). */
    public void ext(int index, int i, long value) {
        requireExt();
        memory.putLong(base(index) + layout.extOffset() + 8 * i, value);
    }

    private void requireExt() {
        if (!layout.hasExt()) {
            throw new IllegalStateException(layout.abiName() + " struct kevent has no ext[]");
        }
    }
}
