package dev.twine.nativeio.windows;

/**
 * Win64 structure layouts and constants used by the Windows bindings, in one place.
 *
 * <p>Each structure is quoted as C next to its offsets. The bindings read and write these structures at
 * fixed offsets in native memory (never through jnr-ffi's {@code Struct}), so a wrong number here is a
 * silent memory corruption. Every constant in this class is therefore checked against the C compiler:
 * {@code .ci/wine/layout.c}, built with mingw-w64 and run under Wine, prints each one under the same
 * name as the field here, and {@code WinLayoutTest} compares the two, both ways (native.md §2.4).
 *
 * <p>Win64 is LLP64: pointers, {@code HANDLE}, {@code SOCKET}, {@code ULONG_PTR} and {@code SIZE_T} are
 * 8 bytes, while {@code LONG}, {@code ULONG} and {@code DWORD} are 4 bytes. In jnr-ffi signatures a Java
 * {@code long} means the C {@code long}, which is 4 bytes on Windows, so the bindings declare every
 * pointer-sized value as {@code @uintptr_t long} (native.md §3, item 1).
 *
 * <p>The {@code AFD_*} structures and {@code IOCTL_AFD_POLL} are not in any public header. They are
 * the ones wepoll, mio and the JDK's Windows selector use, and their behaviour under Wine 8.0 is
 * recorded in native.md §4 and native.md §5.
 */
public final class WinLayout {

    private WinLayout() {
    }

    // ---------------------------------------------------------------------------------------------
    // Scalar sizes

    /** {@code sizeof(void *)}. */
    public static final int POINTER_SIZE = 8;
    /** {@code sizeof(long)}: 4 on Win64 (LLP64), which is why no binding uses a bare Java {@code long}. */
    public static final int C_LONG_SIZE = 4;
    /** {@code sizeof(SOCKET)}: a {@code UINT_PTR}. */
    public static final int SOCKET_SIZE = 8;
    /** {@code sizeof(HANDLE)}: a {@code void *}. */
    public static final int HANDLE_SIZE = 8;
    /** {@code sizeof(ULONG_PTR)}: pointer-sized. */
    public static final int ULONG_PTR_SIZE = 8;
    /** {@code sizeof(DWORD)}. */
    public static final int DWORD_SIZE = 4;
    /** {@code sizeof(ULONG)}: 4, like every Windows {@code long}. */
    public static final int ULONG_SIZE = 4;
    /** {@code sizeof(BOOL)}: an {@code int}, not a C {@code bool}. */
    public static final int BOOL_SIZE = 4;
    /** {@code sizeof(int)}. */
    public static final int INT_SIZE = 4;
    /** {@code sizeof(NTSTATUS)}: a {@code LONG}. */
    public static final int NTSTATUS_SIZE = 4;
    /** {@code sizeof(ACCESS_MASK)}: a {@code DWORD}. */
    public static final int ACCESS_MASK_SIZE = 4;
    /** {@code sizeof(GROUP)}: an {@code unsigned int}. */
    public static final int GROUP_SIZE = 4;
    /** {@code sizeof(WORD)}. */
    public static final int WORD_SIZE = 2;
    /** {@code sizeof(UCHAR)}. */
    public static final int UCHAR_SIZE = 1;
    /** {@code sizeof(LARGE_INTEGER)}: a union around a {@code LONGLONG}, 8-aligned. */
    public static final int LARGE_INTEGER_SIZE = 8;

    // ---------------------------------------------------------------------------------------------
    // typedef struct _OVERLAPPED_ENTRY {
    //     ULONG_PTR    lpCompletionKey;             //  0
    //     LPOVERLAPPED lpOverlapped;                //  8
    //     ULONG_PTR    Internal;                    // 16  (the NTSTATUS of the operation)
    //     DWORD        dwNumberOfBytesTransferred;  // 24
    // } OVERLAPPED_ENTRY;                           // 32 (4 bytes of tail padding)

    public static final int OVERLAPPED_ENTRY_SIZE = 32;
    public static final int OVERLAPPED_ENTRY_LP_COMPLETION_KEY = 0;
    public static final int OVERLAPPED_ENTRY_LP_OVERLAPPED = 8;
    public static final int OVERLAPPED_ENTRY_INTERNAL = 16;
    public static final int OVERLAPPED_ENTRY_DW_NUMBER_OF_BYTES_TRANSFERRED = 24;

    // ---------------------------------------------------------------------------------------------
    // typedef struct _IO_STATUS_BLOCK {
    //     union { NTSTATUS Status; PVOID Pointer; };  //  0 (Status is the low 4 bytes)
    //     ULONG_PTR Information;                      //  8
    // } IO_STATUS_BLOCK;                              // 16

    public static final int IO_STATUS_BLOCK_SIZE = 16;
    public static final int IO_STATUS_BLOCK_STATUS = 0;
    public static final int IO_STATUS_BLOCK_INFORMATION = 8;

    // ---------------------------------------------------------------------------------------------
    // typedef struct _UNICODE_STRING {
    //     USHORT Length;          //  0  bytes, without a terminator
    //     USHORT MaximumLength;   //  2
    //     PWSTR  Buffer;          //  8  (4 bytes of padding before it)
    // } UNICODE_STRING;           // 16

    public static final int UNICODE_STRING_SIZE = 16;
    public static final int UNICODE_STRING_LENGTH = 0;
    public static final int UNICODE_STRING_MAXIMUM_LENGTH = 2;
    public static final int UNICODE_STRING_BUFFER = 8;

    // ---------------------------------------------------------------------------------------------
    // typedef struct _OBJECT_ATTRIBUTES {
    //     ULONG           Length;                    //  0  = sizeof(OBJECT_ATTRIBUTES)
    //     HANDLE          RootDirectory;             //  8
    //     PUNICODE_STRING ObjectName;                // 16
    //     ULONG           Attributes;                // 24
    //     PVOID           SecurityDescriptor;        // 32
    //     PVOID           SecurityQualityOfService;  // 40
    // } OBJECT_ATTRIBUTES;                           // 48

    public static final int OBJECT_ATTRIBUTES_SIZE = 48;
    public static final int OBJECT_ATTRIBUTES_LENGTH = 0;
    public static final int OBJECT_ATTRIBUTES_ROOT_DIRECTORY = 8;
    public static final int OBJECT_ATTRIBUTES_OBJECT_NAME = 16;
    public static final int OBJECT_ATTRIBUTES_ATTRIBUTES = 24;
    public static final int OBJECT_ATTRIBUTES_SECURITY_DESCRIPTOR = 32;
    public static final int OBJECT_ATTRIBUTES_SECURITY_QUALITY_OF_SERVICE = 40;

    // ---------------------------------------------------------------------------------------------
    // typedef struct _AFD_POLL_HANDLE_INFO {
    //     HANDLE   Handle;   //  0  the base SOCKET (SIO_BASE_HANDLE)
    //     ULONG    Events;   //  8  in: AFD_POLL_* wanted; out: AFD_POLL_* that fired
    //     NTSTATUS Status;   // 12  out: e.g. STATUS_CONNECTION_REFUSED with AFD_POLL_CONNECT_FAIL
    // } AFD_POLL_HANDLE_INFO;  // 16
    //
    // typedef struct _AFD_POLL_INFO {
    //     LARGE_INTEGER        Timeout;          //  0  INT64_MAX = never; negative = relative, 100 ns
    //     ULONG                NumberOfHandles;  //  8  in: 1; out: handles that fired (0 on timeout)
    //     ULONG                Exclusive;        // 12  FALSE
    //     AFD_POLL_HANDLE_INFO Handles[1];       // 16
    // } AFD_POLL_INFO;                           // 32 with one handle

    public static final int AFD_POLL_HANDLE_INFO_SIZE = 16;
    public static final int AFD_POLL_HANDLE_INFO_HANDLE = 0;
    public static final int AFD_POLL_HANDLE_INFO_EVENTS = 8;
    public static final int AFD_POLL_HANDLE_INFO_STATUS = 12;
    public static final int AFD_POLL_INFO_SIZE = 32;
    public static final int AFD_POLL_INFO_TIMEOUT = 0;
    public static final int AFD_POLL_INFO_NUMBER_OF_HANDLES = 8;
    public static final int AFD_POLL_INFO_EXCLUSIVE = 12;
    public static final int AFD_POLL_INFO_HANDLES = 16;

    // ---------------------------------------------------------------------------------------------
    // typedef struct _WSABUF {
    //     ULONG len;   //  0
    //     CHAR *buf;   //  8
    // } WSABUF;        // 16

    public static final int WSABUF_SIZE = 16;
    public static final int WSABUF_LEN = 0;
    public static final int WSABUF_BUF = 8;

    // ---------------------------------------------------------------------------------------------
    // struct sockaddr_in {                 struct sockaddr_in6 {
    //     short   sin_family;   //  0          short    sin6_family;    //  0
    //     u_short sin_port;     //  2 (BE)     u_short  sin6_port;      //  2 (big-endian)
    //     struct in_addr sin_addr; // 4        u_long   sin6_flowinfo;  //  4
    //     char    sin_zero[8];  //  8          struct in6_addr sin6_addr; // 8
    // };                        // 16          u_long   sin6_scope_id;  // 24
    //                                      };                           // 28

    public static final int SOCKADDR_IN_SIZE = 16;
    public static final int SOCKADDR_IN_SIN_FAMILY = 0;
    public static final int SOCKADDR_IN_SIN_PORT = 2;
    public static final int SOCKADDR_IN_SIN_ADDR = 4;
    public static final int SOCKADDR_IN6_SIZE = 28;
    public static final int SOCKADDR_IN6_SIN6_FAMILY = 0;
    public static final int SOCKADDR_IN6_SIN6_PORT = 2;
    public static final int SOCKADDR_IN6_SIN6_FLOWINFO = 4;
    public static final int SOCKADDR_IN6_SIN6_ADDR = 8;
    public static final int SOCKADDR_IN6_SIN6_SCOPE_ID = 24;
    /** {@code sizeof(struct sockaddr_storage)}: room for any address a call may return. */
    public static final int SOCKADDR_STORAGE_SIZE = 128;

    // ---------------------------------------------------------------------------------------------
    // struct linger {
    //     u_short l_onoff;   // 0   Winsock uses two u_shorts; POSIX uses two ints
    //     u_short l_linger;  // 2
    // };                     // 4

    public static final int LINGER_SIZE = 4;
    public static final int LINGER_L_ONOFF = 0;
    public static final int LINGER_L_LINGER = 2;

    /** {@code sizeof(WSADATA)} on Win64; the bindings allocate it only for {@code WSAStartup}. */
    public static final int WSADATA_SIZE = 408;

    // ---------------------------------------------------------------------------------------------
    // Winsock constants (winsock2.h, ws2def.h, ws2ipdef.h, mswsock.h)

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 23;
    public static final int SOCK_STREAM = 1;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_IPV6 = 41;
    public static final int SOL_SOCKET = 0xffff;
    public static final int SO_REUSEADDR = 0x0004;
    public static final int SO_KEEPALIVE = 0x0008;
    public static final int SO_LINGER = 0x0080;
    public static final int SO_ERROR = 0x1007;
    /** {@code ~SO_REUSEADDR}: refuses binds by others to the same port (Windows only). */
    public static final int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
    public static final int TCP_NODELAY = 0x0001;
    public static final int IPV6_V6ONLY = 27;
    /** {@code _IOW('f', 126, u_long)}; a negative Java int because the top bit is set. */
    public static final int FIONBIO = 0x8004667e;
    public static final int SD_RECEIVE = 0;
    public static final int SD_SEND = 1;
    public static final int SD_BOTH = 2;
    /** Returned by most Winsock calls on failure; the error is then {@code WSAGetLastError()}. */
    public static final int SOCKET_ERROR = -1;
    /** {@code (SOCKET)~0}, read back from {@code @uintptr_t long} as {@code -1}. */
    public static final long INVALID_SOCKET = -1L;
    public static final int WSA_FLAG_OVERLAPPED = 0x01;
    /** The socket handle is not inherited by child processes: Winsock's close-on-exec. */
    public static final int WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
    /** {@code _WSAIOR(IOC_WS2, 34)}: the base provider socket under any layered service providers. */
    public static final int SIO_BASE_HANDLE = 0x48000022;
    /** {@code MAKEWORD(2, 2)}: Winsock 2.2. */
    public static final int WINSOCK_VERSION_2_2 = 0x0202;

    // ---------------------------------------------------------------------------------------------
    // Datagram sockets and IPv4 multicast (winsock2.h, ws2ipdef.h, mswsock.h; issue 16, semantics.md §7.6).
    // Windows numbers the IPPROTO_IP options differently from Linux (IP_ADD_MEMBERSHIP is 12 here, 35
    // there) and differently again in the old winsock.h (5): these are ws2ipdef.h's, which apply to
    // sockets of Winsock 2.
    //
    // struct ip_mreq {
    //     struct in_addr imr_multiaddr;  // 0  the group, network byte order
    //     struct in_addr imr_interface;  // 4  the local interface's address; 0.0.0.0 = routing picks
    // };                                 // 8

    public static final int SOCK_DGRAM = 2;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_UDP = 17;
    public static final int SO_SNDBUF = 0x1001;
    public static final int SO_RCVBUF = 0x1002;
    /** A {@code DWORD}: an interface's IPv4 address in network byte order (or an index in 0.0.0.0/8). */
    public static final int IP_MULTICAST_IF = 9;
    /** A {@code DWORD} on Windows (a {@code u_char} on the BSDs). */
    public static final int IP_MULTICAST_TTL = 10;
    /** A {@code DWORD} boolean. */
    public static final int IP_MULTICAST_LOOP = 11;
    public static final int IP_ADD_MEMBERSHIP = 12;
    public static final int IP_DROP_MEMBERSHIP = 13;
    public static final int IP_MREQ_SIZE = 8;
    public static final int IP_MREQ_IMR_MULTIADDR = 0;
    public static final int IP_MREQ_IMR_INTERFACE = 4;
    /**
     * {@code _WSAIOW(IOC_VENDOR, 12)}: with a {@code BOOL} FALSE, an ICMP "port unreachable" for an earlier
     * datagram no longer fails the next {@code recvfrom} with {@code WSAECONNRESET} (Windows' default is
     * TRUE, on connected and unconnected sockets alike).
     */
    public static final int SIO_UDP_CONNRESET = 0x9800000C;
    /** {@code _WSAIOW(IOC_VENDOR, 15)}: the same for ICMP "TTL expired" ({@code WSAENETRESET}). */
    public static final int SIO_UDP_NETRESET = 0x9800000F;

    // ---------------------------------------------------------------------------------------------
    // kernel32 and NT constants (winbase.h, winnt.h, winternl.h, ntstatus.h, winerror.h)

    /** {@code (HANDLE)-1}. */
    public static final long INVALID_HANDLE_VALUE = -1L;
    /** {@code INFINITE} for a {@code DWORD} timeout, as a Java int. */
    public static final int INFINITE = 0xffffffff;
    /** {@code GetLastError()} after {@code GetQueuedCompletionStatusEx} timed out. */
    public static final int WAIT_TIMEOUT = 258;
    /** {@code GetLastError()} after {@code CancelIoEx} found nothing to cancel (already completed). */
    public static final int ERROR_NOT_FOUND = 1168;
    public static final int ERROR_IO_PENDING = 997;
    public static final int ERROR_OPERATION_ABORTED = 995;
    /** {@code SetFileCompletionNotificationModes}: do not queue a packet when I/O succeeds at once. */
    public static final int FILE_SKIP_COMPLETION_PORT_ON_SUCCESS = 0x1;
    /** {@code SetFileCompletionNotificationModes}: do not signal the file handle's event. */
    public static final int FILE_SKIP_SET_EVENT_ON_HANDLE = 0x2;
    public static final int SYNCHRONIZE = 0x00100000;
    public static final int FILE_SHARE_READ = 0x1;
    public static final int FILE_SHARE_WRITE = 0x2;
    /** {@code NtCreateFile} disposition: open an existing object. */
    public static final int FILE_OPEN = 1;
    public static final int OBJ_CASE_INSENSITIVE = 0x40;

    public static final int STATUS_SUCCESS = 0;
    public static final int STATUS_TIMEOUT = 0x102;
    public static final int STATUS_PENDING = 0x103;
    public static final int STATUS_CANCELLED = 0xC0000120;
    public static final int STATUS_INVALID_HANDLE = 0xC0000008;
    public static final int STATUS_CONNECTION_REFUSED = 0xC0000236;

    /** {@code CTL_CODE(FILE_DEVICE_BEEP, 0x809, METHOD_BUFFERED, FILE_ANY_ACCESS)}. */
    public static final int IOCTL_AFD_POLL = 0x00012024;

    // ---------------------------------------------------------------------------------------------
    // AFD_POLL_* event bits (the AFD_POLL_HANDLE_INFO.Events mask)

    /** Data (or a FIN) can be received. */
    public static final int AFD_POLL_RECEIVE = 0x0001;
    /** Out-of-band data; never requested by Twine. */
    public static final int AFD_POLL_RECEIVE_EXPEDITED = 0x0002;
    /** The socket can send, which is also how a finished connect shows up. */
    public static final int AFD_POLL_SEND = 0x0004;
    /** The peer closed gracefully (FIN received): reads will reach end of stream. */
    public static final int AFD_POLL_DISCONNECT = 0x0008;
    /** The connection was reset or aborted. */
    public static final int AFD_POLL_ABORT = 0x0010;
    /** The socket was closed locally while the poll was pending. */
    public static final int AFD_POLL_LOCAL_CLOSE = 0x0020;
    /** A connect finished (Wine's name); not requested, {@link #AFD_POLL_SEND} covers it. */
    public static final int AFD_POLL_CONNECT = 0x0040;
    /** A listening socket has a connection to accept. */
    public static final int AFD_POLL_ACCEPT = 0x0080;
    /** A connect failed; {@code AFD_POLL_HANDLE_INFO.Status} says why. */
    public static final int AFD_POLL_CONNECT_FAIL = 0x0100;
}
