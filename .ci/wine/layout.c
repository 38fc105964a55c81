/*
 * Layout oracle for dev.twine.nativeio.windows.WinLayout and WinsockErrors.
 *
 * Built with x86_64-w64-mingw32-gcc and run under Wine (or on Windows); prints one "NAME VALUE" line per
 * structure size, field offset and constant, using the same NAME as the Java field. WinLayoutTest compares
 * the output with the Java tables in both directions, so a field added on one side only fails the test.
 *
 * The AFD structures are not in any public header; they are declared here exactly as WinLayout documents
 * them, so the compiler checks their padding under the Win64 ABI. The AFD_POLL_* event bits have no header
 * at all and are checked by behaviour instead (the IOCP poller tests under Wine).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <winternl.h>
#include <winioctl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef SIO_BASE_HANDLE
#define SIO_BASE_HANDLE _WSAIOR(IOC_WS2, 34)
#endif
#ifndef WSA_FLAG_NO_HANDLE_INHERIT
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80
#endif
#ifndef SIO_UDP_CONNRESET
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif
#ifndef SIO_UDP_NETRESET
#define SIO_UDP_NETRESET _WSAIOW(IOC_VENDOR, 15)
#endif
#ifndef FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#endif
#ifndef FILE_SKIP_SET_EVENT_ON_HANDLE
#define FILE_SKIP_SET_EVENT_ON_HANDLE 0x2
#endif
/* ntstatus.h clashes with winnt.h's subset; these four are the documented values. */
#ifndef STATUS_CANCELLED
#define STATUS_CANCELLED ((NTSTATUS)0xC0000120L)
#endif
#ifndef STATUS_CONNECTION_REFUSED
#define STATUS_CONNECTION_REFUSED ((NTSTATUS)0xC0000236L)
#endif
#ifndef STATUS_INVALID_HANDLE
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008L)
#endif
#ifndef STATUS_SUCCESS
#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)
#endif
#ifndef STATUS_TIMEOUT
#define STATUS_TIMEOUT ((NTSTATUS)0x00000102L)
#endif
#ifndef STATUS_PENDING
#define STATUS_PENDING ((NTSTATUS)0x00000103L)
#endif

typedef struct {
    HANDLE Handle;
    ULONG Events;
    NTSTATUS Status;
} AFD_POLL_HANDLE_INFO;

typedef struct {
    LARGE_INTEGER Timeout;
    ULONG NumberOfHandles;
    ULONG Exclusive;
    AFD_POLL_HANDLE_INFO Handles[1];
} AFD_POLL_INFO;

/* 32-bit constants print as a signed Java int, 64-bit ones as a signed Java long. */
#define I32(name, value) printf("%s %ld\n", name, (long) (int32_t) (value))
#define I64(name, value) printf("%s %lld\n", name, (long long) (value))
#define SIZE(name, type) I32(name "_SIZE", sizeof(type))
#define OFF(name, type, field) I32(name, offsetof(type, field))
#define K(name) I32(#name, name)

int main(void) {
    I32("POINTER_SIZE", sizeof(void *));
    I32("C_LONG_SIZE", sizeof(long));
    I32("SOCKET_SIZE", sizeof(SOCKET));
    /* The scalar types of the bound functions' prototypes: the Panama binding's WinType must agree. */
    SIZE("HANDLE", HANDLE);
    SIZE("ULONG_PTR", ULONG_PTR);
    SIZE("DWORD", DWORD);
    SIZE("ULONG", ULONG);
    SIZE("BOOL", BOOL);
    SIZE("INT", int);
    SIZE("NTSTATUS", NTSTATUS);
    SIZE("ACCESS_MASK", ACCESS_MASK);
    SIZE("GROUP", GROUP);
    SIZE("WORD", WORD);
    SIZE("UCHAR", UCHAR);
    SIZE("LARGE_INTEGER", LARGE_INTEGER);

    SIZE("OVERLAPPED_ENTRY", OVERLAPPED_ENTRY);
    OFF("OVERLAPPED_ENTRY_LP_COMPLETION_KEY", OVERLAPPED_ENTRY, lpCompletionKey);
    OFF("OVERLAPPED_ENTRY_LP_OVERLAPPED", OVERLAPPED_ENTRY, lpOverlapped);
    OFF("OVERLAPPED_ENTRY_INTERNAL", OVERLAPPED_ENTRY, Internal);
    OFF("OVERLAPPED_ENTRY_DW_NUMBER_OF_BYTES_TRANSFERRED", OVERLAPPED_ENTRY, dwNumberOfBytesTransferred);

    SIZE("IO_STATUS_BLOCK", IO_STATUS_BLOCK);
    OFF("IO_STATUS_BLOCK_STATUS", IO_STATUS_BLOCK, Status);
    OFF("IO_STATUS_BLOCK_INFORMATION", IO_STATUS_BLOCK, Information);

    SIZE("UNICODE_STRING", UNICODE_STRING);
    OFF("UNICODE_STRING_LENGTH", UNICODE_STRING, Length);
    OFF("UNICODE_STRING_MAXIMUM_LENGTH", UNICODE_STRING, MaximumLength);
    OFF("UNICODE_STRING_BUFFER", UNICODE_STRING, Buffer);

    SIZE("OBJECT_ATTRIBUTES", OBJECT_ATTRIBUTES);
    OFF("OBJECT_ATTRIBUTES_LENGTH", OBJECT_ATTRIBUTES, Length);
    OFF("OBJECT_ATTRIBUTES_ROOT_DIRECTORY", OBJECT_ATTRIBUTES, RootDirectory);
    OFF("OBJECT_ATTRIBUTES_OBJECT_NAME", OBJECT_ATTRIBUTES, ObjectName);
    OFF("OBJECT_ATTRIBUTES_ATTRIBUTES", OBJECT_ATTRIBUTES, Attributes);
    OFF("OBJECT_ATTRIBUTES_SECURITY_DESCRIPTOR", OBJECT_ATTRIBUTES, SecurityDescriptor);
    OFF("OBJECT_ATTRIBUTES_SECURITY_QUALITY_OF_SERVICE", OBJECT_ATTRIBUTES, SecurityQualityOfService);

    SIZE("AFD_POLL_HANDLE_INFO", AFD_POLL_HANDLE_INFO);
    OFF("AFD_POLL_HANDLE_INFO_HANDLE", AFD_POLL_HANDLE_INFO, Handle);
    OFF("AFD_POLL_HANDLE_INFO_EVENTS", AFD_POLL_HANDLE_INFO, Events);
    OFF("AFD_POLL_HANDLE_INFO_STATUS", AFD_POLL_HANDLE_INFO, Status);
    SIZE("AFD_POLL_INFO", AFD_POLL_INFO);
    OFF("AFD_POLL_INFO_TIMEOUT", AFD_POLL_INFO, Timeout);
    OFF("AFD_POLL_INFO_NUMBER_OF_HANDLES", AFD_POLL_INFO, NumberOfHandles);
    OFF("AFD_POLL_INFO_EXCLUSIVE", AFD_POLL_INFO, Exclusive);
    OFF("AFD_POLL_INFO_HANDLES", AFD_POLL_INFO, Handles);

    SIZE("WSABUF", WSABUF);
    OFF("WSABUF_LEN", WSABUF, len);
    OFF("WSABUF_BUF", WSABUF, buf);

    SIZE("SOCKADDR_IN", struct sockaddr_in);
    OFF("SOCKADDR_IN_SIN_FAMILY", struct sockaddr_in, sin_family);
    OFF("SOCKADDR_IN_SIN_PORT", struct sockaddr_in, sin_port);
    OFF("SOCKADDR_IN_SIN_ADDR", struct sockaddr_in, sin_addr);
    SIZE("SOCKADDR_IN6", struct sockaddr_in6);
    OFF("SOCKADDR_IN6_SIN6_FAMILY", struct sockaddr_in6, sin6_family);
    OFF("SOCKADDR_IN6_SIN6_PORT", struct sockaddr_in6, sin6_port);
    OFF("SOCKADDR_IN6_SIN6_FLOWINFO", struct sockaddr_in6, sin6_flowinfo);
    OFF("SOCKADDR_IN6_SIN6_ADDR", struct sockaddr_in6, sin6_addr);
    OFF("SOCKADDR_IN6_SIN6_SCOPE_ID", struct sockaddr_in6, sin6_scope_id);
    SIZE("SOCKADDR_STORAGE", struct sockaddr_storage);

    SIZE("LINGER", struct linger);
    OFF("LINGER_L_ONOFF", struct linger, l_onoff);
    OFF("LINGER_L_LINGER", struct linger, l_linger);
    SIZE("WSADATA", WSADATA);

    K(AF_INET);
    K(AF_INET6);
    K(SOCK_STREAM);
    K(IPPROTO_TCP);
    K(IPPROTO_IPV6);
    K(SOL_SOCKET);
    K(SO_REUSEADDR);
    K(SO_KEEPALIVE);
    K(SO_LINGER);
    K(SO_ERROR);
    K(SO_EXCLUSIVEADDRUSE);
    K(TCP_NODELAY);
    K(IPV6_V6ONLY);
    K(FIONBIO);
    K(SD_RECEIVE);
    K(SD_SEND);
    K(SD_BOTH);
    K(SOCKET_ERROR);
    I64("INVALID_SOCKET", (intptr_t) INVALID_SOCKET);
    K(WSA_FLAG_OVERLAPPED);
    K(WSA_FLAG_NO_HANDLE_INHERIT);
    K(SIO_BASE_HANDLE);
    I32("WINSOCK_VERSION_2_2", MAKEWORD(2, 2));

    /* Datagram sockets and IPv4 multicast: ws2ipdef.h's numbers, not winsock.h's (issue 16). */
    K(SOCK_DGRAM);
    K(IPPROTO_IP);
    K(IPPROTO_UDP);
    K(SO_SNDBUF);
    K(SO_RCVBUF);
    K(IP_MULTICAST_IF);
    K(IP_MULTICAST_TTL);
    K(IP_MULTICAST_LOOP);
    K(IP_ADD_MEMBERSHIP);
    K(IP_DROP_MEMBERSHIP);
    SIZE("IP_MREQ", struct ip_mreq);
    OFF("IP_MREQ_IMR_MULTIADDR", struct ip_mreq, imr_multiaddr);
    OFF("IP_MREQ_IMR_INTERFACE", struct ip_mreq, imr_interface);
    K(SIO_UDP_CONNRESET);
    K(SIO_UDP_NETRESET);

    I64("INVALID_HANDLE_VALUE", (intptr_t) INVALID_HANDLE_VALUE);
    K(INFINITE);
    K(WAIT_TIMEOUT);
    K(ERROR_NOT_FOUND);
    K(ERROR_IO_PENDING);
    K(ERROR_OPERATION_ABORTED);
    K(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS);
    K(FILE_SKIP_SET_EVENT_ON_HANDLE);
    K(SYNCHRONIZE);
    K(FILE_SHARE_READ);
    K(FILE_SHARE_WRITE);
    K(FILE_OPEN);
    K(OBJ_CASE_INSENSITIVE);
    K(STATUS_SUCCESS);
    K(STATUS_TIMEOUT);
    K(STATUS_PENDING);
    K(STATUS_CANCELLED);
    K(STATUS_INVALID_HANDLE);
    K(STATUS_CONNECTION_REFUSED);
    I32("IOCTL_AFD_POLL", CTL_CODE(FILE_DEVICE_BEEP, 0x809, METHOD_BUFFERED, FILE_ANY_ACCESS));

    /* WinsockErrors: every Windows name in its table. */
    K(WSA_INVALID_HANDLE);
    K(WSA_NOT_ENOUGH_MEMORY);
    K(ERROR_NETNAME_DELETED);
    K(WSA_INVALID_PARAMETER);
    K(WSA_OPERATION_ABORTED);
    K(WSA_IO_PENDING);
    K(ERROR_CONNECTION_REFUSED);
    K(WSAEINTR);
    K(WSAEBADF);
    K(WSAEACCES);
    K(WSAEINVAL);
    K(WSAEMFILE);
    K(WSAEWOULDBLOCK);
    K(WSAEINPROGRESS);
    K(WSAEALREADY);
    K(WSAEMSGSIZE);
    K(WSAEOPNOTSUPP);
    K(WSAEAFNOSUPPORT);
    K(WSAEADDRINUSE);
    K(WSAEADDRNOTAVAIL);
    K(WSAENETUNREACH);
    K(WSAENETRESET);
    K(WSAECONNABORTED);
    K(WSAECONNRESET);
    K(WSAENOBUFS);
    K(WSAEISCONN);
    K(WSAENOTCONN);
    K(WSAESHUTDOWN);
    K(WSAETIMEDOUT);
    K(WSAECONNREFUSED);
    K(WSAEHOSTUNREACH);
    K(WSASYSNOTREADY);
    K(WSAVERNOTSUPPORTED);
    K(WSANOTINITIALISED);
    K(WSAEDISCON);
    return 0;
}
