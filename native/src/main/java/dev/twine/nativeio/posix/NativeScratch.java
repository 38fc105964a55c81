package dev.twine.nativeio.posix;

import java.nio.ByteBuffer;

import static dev.twine.nativeio.posix.SocketConstant.IOVEC_SIZE;
import static dev.twine.nativeio.posix.SocketConstant.IOV_MAX;
import static dev.twine.nativeio.posix.SocketConstant.SOCKADDR_STORAGE_SIZE;

/**
 * One thread's reusable native memory for socket calls, so that no read, write or option call
 * allocates: a socket-address area with its {@code socklen_t}, an integer option value with its
 * length, an {@code iovec} array of {@link SocketConstant#IOV_MAX} entries, and a staging area through
 * which heap buffers are read and written (the JDK's {@code sun.nio.ch.Util} temporary-buffer cache
 * plays the same role).
 *
 * <p>Owned by exactly one thread (see {@link SocketCalls#scratch()}); the contents are valid only
 * until that thread's next socket call.
 */
final class NativeScratch {

    /** Size of the staging area: a heap-buffer read or write moves at most this much per call. */
    static final int STAGING_SIZE = 64 * 1024;

    private static final int WORD_AREA = 32;

    /** {@code struct sockaddr_storage} followed by its {@code socklen_t}. */
    final ByteBuffer sockaddr;
    final long sockaddrAddress;
    final int sockaddrLengthIndex;
    final long sockaddrLengthAddress;

    /** An {@code int} option value at index 0 and its {@code socklen_t} at index 8. */
    final ByteBuffer words;
    final long wordsAddress;

    /** The iovec array for gathering writes. */
    final ByteBuffer iovecs;
    final long iovecsAddress;

    /** Heap-buffer staging. */
    final ByteBuffer staging;
    final long stagingAddress;

    /** The message header and control area for descriptor passing, made on first use (UNIX sockets only). */
    private DescriptorPassing passing;
    private final SocketAbi abi;

    NativeScratch(SocketAbi abi) {
        this.abi = abi;
        sockaddrLengthIndex = align8(abi.get(SOCKADDR_STORAGE_SIZE));
        sockaddr = DirectMemory.allocate(sockaddrLengthIndex + 8);
        sockaddrAddress = DirectMemory.address(sockaddr);
        sockaddrLengthAddress = sockaddrAddress + sockaddrLengthIndex;
        words = DirectMemory.allocate(WORD_AREA);
        wordsAddress = DirectMemory.address(words);
        iovecs = DirectMemory.allocate(abi.get(IOV_MAX) * abi.get(IOVEC_SIZE));
        iovecsAddress = DirectMemory.address(iovecs);
        staging = DirectMemory.allocate(STAGING_SIZE);
        stagingAddress = DirectMemory.address(staging);
    }

    DescriptorPassing passing() {
        if (passing == null) {
            passing = new DescriptorPassing(abi);
        }
        return passing;
    }

    private static int align8(int size) {
        return (size + 7) & ~7;
    }
}
