package dev.twine.nativeio.windows;

import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.uintptr_t;

/**
 * The ws2_32 functions the IOCP backend's sockets need, as both bindings implement them
 * ({@link dev.twine.nativeio.binding.NativeBinding#winsock()}).
 *
 * <p>The annotations are jnr-ffi's: it reads the C widths and the error capture from them when it
 * generates this interface's implementation. The Panama binding ({@code PanamaWinsock} in
 * {@code twine-native-panama}) ignores them and states the same widths in its function descriptors; a
 * JVM that never loads jnr-ffi never resolves them (absent annotation types are skipped by the JVM).insock
 *
 * <p>{@code SOCKET} is a {@code UINT_PTR} and every pointer an address, so both are {@code @uintptr_t long}
 * (a bare Java {@code long} would be the 4-byte C {@code long} on Win64; native.md §3). {@code int}
 * and {@code long} C parameters (the latter is 4 bytes here) are Java {@code int}. Sockets are used in
 * non-blocking mode without OVERLAPPED structures, so every call completes or fails at once.
 *
 * <p>Every call is {@code @SaveError}: on failure ({@code SOCKET_ERROR} or {@code INVALID_SOCKET}) the error
 * is {@code WSAGetLastError()}, which on Windows NT is the thread's last-error value; jffi (or the Panama
 * binding's {@code captureCallState}) captures it right after the call and
 * {@code NativeBinding.lastError()} returns it. Stateless and thread-safe.
 */
public interface Winsock {

    /** {@code int WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)}; returns the error directly. */
    @SaveError
    int WSAStartup(short versionRequested, @uintptr_t long wsaData);

    /**
     * {@code SOCKET WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
     * DWORD dwFlags)}.
     */
    @SaveError
    @uintptr_t long WSASocketW(int af, int type, int protocol, @uintptr_t long protocolInfo, int group,
                               int flags);

    /** {@code int bind(SOCKET s, const struct sockaddr *name, int namelen)}. */
    @SaveError
    int bind(@uintptr_t long s, @uintptr_t long name, int nameLength);

    /** {@code int listen(SOCKET s, int backlog)}. */
    @SaveError
    int listen(@uintptr_t long s, int backlog);

    /** {@code SOCKET accept(SOCKET s, struct sockaddr *addr, int *addrlen)}. */
    @SaveError
    @uintptr_t long accept(@uintptr_t long s, @uintptr_t long address, @uintptr_t long addressLength);

    /** {@code int connect(SOCKET s, const struct sockaddr *name, int namelen)}. */
    @SaveError
    int connect(@uintptr_t long s, @uintptr_t long name, int nameLength);

    /** {@code int recv(SOCKET s, char *buf, int len, int flags)}. */
    @SaveError
    int recv(@uintptr_t long s, @uintptr_t long buffer, int length, int flags);

    /** {@code int send(SOCKET s, const char *buf, int len, int flags)}. */
    @SaveError
    int send(@uintptr_t long s, @uintptr_t long buffer, int length, int flags);

    /**
     * {@code int WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
     * DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)}:
     * the gathering write; with no OVERLAPPED it completes (or fails) at once.
     */
    @SaveError
    int WSASend(@uintptr_t long s, @uintptr_t long buffers, int bufferCount, @uintptr_t long bytesSent,
                int flags, @uintptr_t long overlapped, @uintptr_t long completionRoutine);

    /** {@code int shutdown(SOCKET s, int how)}. */
    @SaveError
    int shutdown(@uintptr_t long s, int how);

    /** {@code int closesocket(SOCKET s)}. */
    @SaveError
    int closesocket(@uintptr_t long s);

    /** {@code int ioctlsocket(SOCKET s, long cmd, u_long *argp)}; {@code cmd} is a 4-byte C long. */
    @SaveError
    int ioctlsocket(@uintptr_t long s, int command, @uintptr_t long argument);

    /** {@code int getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)}. */
    @SaveError
    int getsockopt(@uintptr_t long s, int level, int name, @uintptr_t long value, @uintptr_t long length);

    /** {@code int setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)}. */
    @SaveError
    int setsockopt(@uintptr_t long s, int level, int name, @uintptr_t long value, int length);

    /** {@code int getsockname(SOCKET s, struct sockaddr *name, int *namelen)}. */
    @SaveError
    int getsockname(@uintptr_t long s, @uintptr_t long name, @uintptr_t long nameLength);

    /** {@code int getpeername(SOCKET s, struct sockaddr *name, int *namelen)}. */
    @SaveError
    int getpeername(@uintptr_t long s, @uintptr_t long name, @uintptr_t long nameLength);

    /**
     * {@code int WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
     * LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
     * LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)}; used for {@code SIO_BASE_HANDLE}.
     */
    @SaveError
    int WSAIoctl(@uintptr_t long s, int controlCode, @uintptr_t long inBuffer, int inLength,
                 @uintptr_t long outBuffer, int outLength, @uintptr_t long bytesReturned,
                 @uintptr_t long overlapped, @uintptr_t long completionRoutine);

    // ---------------------------------------------------------------------------------------------
    // Datagram sockets (issue 16, semantics.md §7.6). A UDP socket is opened with WSASocketW(SOCK_DGRAM)
    // and uses bind, connect, getsockname, setsockopt/getsockopt and WSAIoctl (SIO_UDP_CONNRESET) above;
    // these two move the datagrams. Both complete at once on a non-blocking socket.

    /**
     * {@code int sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to,
     * int tolen)}; {@code to} may be 0 (with {@code tolen} 0) on a connected socket.
     */
    @SaveError
    int sendto(@uintptr_t long s, @uintptr_t long buffer, int length, int flags, @uintptr_t long to,
               int toLength);

    /**
     * {@code int recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)}.
     * A datagram longer than {@code len} fills the buffer and fails with {@code WSAEMSGSIZE}; the rest is
     * discarded.
     */
    @SaveError
    int recvfrom(@uintptr_t long s, @uintptr_t long buffer, int length, int flags, @uintptr_t long from,
                 @uintptr_t long fromLength);

    // End of the datagram block.
}
