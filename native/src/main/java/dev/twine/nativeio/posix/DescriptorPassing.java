package dev.twine.nativeio.posix;

import static dev.twine.nativeio.posix.SocketConstant.CMSG_ALIGNMENT;
import static dev.twine.nativeio.posix.SocketConstant.CMSG_DATA_OFFSET;
import static dev.twine.nativeio.posix.SocketConstant.CMSG_LEN_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.CMSG_LEVEL;
import static dev.twine.nativeio.posix.SocketConstant.CMSG_TYPE;
import static dev.twine.nativeio.posix.SocketConstant.IOVEC_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.IOV_BASE;
import static dev.twine.nativeio.posix.SocketConstant.IOV_LEN;
import static dev.twine.nativeio.posix.SocketConstant.MSGHDR_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.MSG_CMSG_CLOEXEC;
import static dev.twine.nativeio.posix.SocketConstant.MSG_CONTROL;
import static dev.twine.nativeio.posix.SocketConstant.MSG_CONTROLLEN;
import static dev.twine.nativeio.posix.SocketConstant.MSG_CONTROLLEN_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.MSG_CTRUNC;
import static dev.twine.nativeio.posix.SocketConstant.MSG_FLAGS;
import static dev.twine.nativeio.posix.SocketConstant.MSG_IOV;
import static dev.twine.nativeio.posix.SocketConstant.MSG_IOVLEN;
import static dev.twine.nativeio.posix.SocketConstant.MSG_IOVLEN_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.SCM_RIGHTS;
import static dev.twine.nativeio.posix.SocketConstant.SOL_SOCKET;

import java.nio.ByteBuffer;

/**
 * Lays out the {@code struct msghdr}, its one {@code iovec} and its {@code SCM_RIGHTS} control message
 * (sendmsg(2), cmsg(3), unix(7) "Ancillary messages") in one direct buffer, from the {@link SocketAbi}'s rows,
 * so that the same code serves Linux's {@code size_t} fields and the BSDs' {@code int}/{@code socklen_t} ones
 * (semantics.md §8.8). One per thread (in {@link NativeScratch}); not thread-safe.
 */
final class DescriptorPassing {
    /** The most descriptors one {@code recvmsg} takes; more in one message are closed by the kernel (MSG_CTRUNC). */
    static final int MAX_RECEIVED = 64;

    private static final int IOV_AT = 64;
    private static final int CONTROL_AT = 128;
    private static final int SIZE = 1024;

    private final SocketAbi abi;
    final ByteBuffer memory;
    final long address;

    DescriptorPassing(SocketAbi abi) {
        this.abi = abi;
        this.memory = DirectMemory.allocate(SIZE);
        this.address = DirectMemory.address(memory);
    }

    /** True where the ABI describes {@code msghdr} (every POSIX column). */
    static boolean supported(SocketAbi abi) {
        return abi.has(MSGHDR_SIZE) && abi.has(SCM_RIGHTS);
    }

    /** Prepares a message of {@code length} bytes at {@code data} carrying {@code descriptor}. */
    void prepareSend(long data, long length, int descriptor) {
        int controlLength = abi.get(CMSG_DATA_OFFSET) + Integer.BYTES;
        int controlSpace = abi.get(CMSG_DATA_OFFSET) + align(Integer.BYTES);
        header(data, length, controlSpace);
        putSized(CONTROL_AT, abi.get(CMSG_LEN_SIZE), controlLength);
        memory.putInt(CONTROL_AT + abi.get(CMSG_LEVEL), abi.get(SOL_SOCKET));
        memory.putInt(CONTROL_AT + abi.get(CMSG_TYPE), abi.get(SCM_RIGHTS));
        memory.putInt(CONTROL_AT + abi.get(CMSG_DATA_OFFSET), descriptor);
    }

    /** Prepares to receive up to {@code length} bytes at {@code data} and up to {@link #MAX_RECEIVED} descriptors. */
    void prepareReceive(long data, long length) {
        header(data, length, abi.get(CMSG_DATA_OFFSET) + align(MAX_RECEIVED * Integer.BYTES));
    }

    /** {@code recvmsg}'s flags: close-on-exec descriptors where the OS can do it in the call. */
    int receiveFlags() {
        return abi.flag(MSG_CMSG_CLOEXEC);
    }

    /** True if the kernel had to drop descriptors that did not fit ({@code MSG_CTRUNC}). */
    boolean truncated() {
        return (memory.getInt(abi.get(MSG_FLAGS)) & abi.get(MSG_CTRUNC)) != 0;
    }

    /**
     * Copies the {@code SCM_RIGHTS} descriptors the kernel wrote into {@code into}.
     *
     * @return how many
     */
    int received(int[] into) {
        long controlLength = getSized(abi.get(MSG_CONTROLLEN), abi.get(MSG_CONTROLLEN_SIZE));
        int found = 0;
        int at = 0;
        int dataOffset = abi.get(CMSG_DATA_OFFSET);
        while (at + dataOffset <= controlLength) {
            long length = getSized(CONTROL_AT + at, abi.get(CMSG_LEN_SIZE));
            if (length < dataOffset) {
                break;
            }
            if (memory.getInt(CONTROL_AT + at + abi.get(CMSG_LEVEL)) == abi.get(SOL_SOCKET)
                    && memory.getInt(CONTROL_AT + at + abi.get(CMSG_TYPE)) == abi.get(SCM_RIGHTS)) {
                int n = (int) ((length - dataOffset) / Integer.BYTES);
                for (int i = 0; i < n && found < into.length; i++) {
                    into[found++] = memory.getInt(CONTROL_AT + at + dataOffset + i * Integer.BYTES);
                }
            }
            at += dataOffset + align((int) (length - dataOffset));
        }
        return found;
    }

    private void header(long data, long length, int controlSpace) {
        for (int i = 0; i < CONTROL_AT + controlSpace; i++) {
            memory.put(i, (byte) 0);
        }
        memory.putLong(abi.get(MSG_IOV), address + IOV_AT);
        putSized(abi.get(MSG_IOVLEN), abi.get(MSG_IOVLEN_SIZE), 1);
        memory.putLong(abi.get(MSG_CONTROL), address + CONTROL_AT);
        putSized(abi.get(MSG_CONTROLLEN), abi.get(MSG_CONTROLLEN_SIZE), controlSpace);
        memory.putLong(IOV_AT + abi.get(IOV_BASE), data);
        memory.putLong(IOV_AT + abi.get(IOV_LEN), length);
        assert abi.get(MSGHDR_SIZE) <= IOV_AT && abi.get(IOVEC_SIZE) <= CONTROL_AT - IOV_AT;
    }

    private int align(int length) {
        int a = abi.get(CMSG_ALIGNMENT);
        return (length + a - 1) / a * a;
    }

    private void putSized(int offset, int size, long value) {
        if (size == 8) {
            memory.putLong(offset, value);
        } else {
            memory.putInt(offset, (int) value);
        }
    }

    private long getSized(int offset, int size) {
        return size == 8 ? memory.getLong(offset) : memory.getInt(offset) & 0xffffffffL;
    }
}
