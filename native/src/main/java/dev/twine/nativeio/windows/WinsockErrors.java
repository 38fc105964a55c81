package dev.twine.nativeio.windows;

import dev.twine.spi.SocketError;
import dev.twine.spi.SocketErrorException;

import java.util.HashMap;
import java.util.Map;

/**
 * Winsock and Win32 error codes, the POSIX errno name each one stands for, and the one place where a
 * Windows error becomes a {@link SocketErrorException}.
 *
 * <p>The SPI reports every OS error by its POSIX name so that the shared transport maps errors to
 * Twisted's classes once ({@code dev.twine.spi.SocketErrorException}). Winsock's {@code WSAE*} codes are
 * mostly the BSD errno values plus 10000 and translate one to one. The exceptions are chosen to match
 * what a POSIX system reports for the same situation:
 * <ul>
 *   <li>{@code WSAEWOULDBLOCK} is {@code EAGAIN}: callers normally turn it into a "would block" return
 *       value before it gets here.</li>
 *   <li>{@code WSAESHUTDOWN} (sending after {@code shutdown(SD_SEND)}) is {@code EPIPE}, which is what
 *       POSIX {@code send} gives in that case.</li>
 *   <li>{@code WSAEDISCON} (graceful shutdown in progress) is also {@code EPIPE}.</li>
 *   <li>Errors of the completion world that socket calls can surface ({@code ERROR_NETNAME_DELETED} for a
 *       reset, {@code ERROR_CONNECTION_REFUSED}, {@code ERROR_OPERATION_ABORTED}) map to the POSIX name of
 *       the same condition.</li>
 *   <li>Anything unknown becomes {@code EIO}, as the SPI prescribes.</li>
 * </ul>
 * The numbers are checked against the mingw-w64 headers by {@code WinLayoutTest}. Immutable and
 * thread-safe.
 */
public final class WinsockErrors {

    /** Codes the socket calls test for directly; the table below uses the same constants. */
    public static final int WSAEINVAL = 10022;
    public static final int WSAEWOULDBLOCK = 10035;
    public static final int WSAEINPROGRESS = 10036;
    public static final int WSAEALREADY = 10037;
    public static final int WSAECONNABORTED = 10053;
    public static final int WSAECONNRESET = 10054;
    public static final int WSAEISCONN = 10056;
    public static final int WSAENOTCONN = 10057;
    public static final int WSAESHUTDOWN = 10058;
    public static final int WSAECONNREFUSED = 10061;

    /** The POSIX name used when no entry matches. */
    public static final String UNKNOWN_POSIX_NAME = "EIO";

    /** One row of the table. */
    private record Entry(String windowsName, int code, String posixName, String message) {
    }

    private static final Entry[] ENTRIES = {
        new Entry("WSA_INVALID_HANDLE", 6, "EBADF", "Invalid handle"),
        new Entry("WSA_NOT_ENOUGH_MEMORY", 8, "ENOMEM", "Not enough memory"),
        new Entry("ERROR_NETNAME_DELETED", 64, "ECONNRESET", "Connection reset by peer"),
        new Entry("WSA_INVALID_PARAMETER", 87, "EINVAL", "Invalid argument"),
        new Entry("WSA_OPERATION_ABORTED", 995, "ECANCELED", "Operation aborted"),
        new Entry("WSA_IO_PENDING", 997, "EINPROGRESS", "Overlapped operation in progress"),
        new Entry("ERROR_CONNECTION_REFUSED", 1225, "ECONNREFUSED", "Connection refused"),
        new Entry("WSAEINTR", 10004, "EINTR", "Interrupted function call"),
        new Entry("WSAEBADF", 10009, "EBADF", "Bad file descriptor"),
        new Entry("WSAEACCES", 10013, "EACCES", "Permission denied"),
        new Entry("WSAEFAULT", 10014, "EFAULT", "Bad address"),
        new Entry("WSAEINVAL", WSAEINVAL, "EINVAL", "Invalid argument"),
        new Entry("WSAEMFILE", 10024, "EMFILE", "Too many open sockets"),
        new Entry("WSAEWOULDBLOCK", WSAEWOULDBLOCK, "EAGAIN", "Resource temporarily unavailable"),
        new Entry("WSAEINPROGRESS", WSAEINPROGRESS, "EINPROGRESS", "Operation now in progress"),
        new Entry("WSAEALREADY", WSAEALREADY, "EALREADY", "Operation already in progress"),
        new Entry("WSAENOTSOCK", 10038, "ENOTSOCK", "Socket operation on non-socket"),
        new Entry("WSAEDESTADDRREQ", 10039, "EDESTADDRREQ", "Destination address required"),
        new Entry("WSAEMSGSIZE", 10040, "EMSGSIZE", "Message too long"),
        new Entry("WSAEPROTOTYPE", 10041, "EPROTOTYPE", "Protocol wrong type for socket"),
        new Entry("WSAENOPROTOOPT", 10042, "ENOPROTOOPT", "Bad protocol option"),
        new Entry("WSAEPROTONOSUPPORT", 10043, "EPROTONOSUPPORT", "Protocol not supported"),
        new Entry("WSAESOCKTNOSUPPORT", 10044, "ESOCKTNOSUPPORT", "Socket type not supported"),
        new Entry("WSAEOPNOTSUPP", 10045, "EOPNOTSUPP", "Operation not supported"),
        new Entry("WSAEPFNOSUPPORT", 10046, "EPFNOSUPPORT", "Protocol family not supported"),
        new Entry("WSAEAFNOSUPPORT", 10047, "EAFNOSUPPORT", "Address family not supported"),
        new Entry("WSAEADDRINUSE", 10048, "EADDRINUSE", "Address already in use"),
        new Entry("WSAEADDRNOTAVAIL", 10049, "EADDRNOTAVAIL", "Cannot assign requested address"),
        new Entry("WSAENETDOWN", 10050, "ENETDOWN", "Network is down"),
        new Entry("WSAENETUNREACH", 10051, "ENETUNREACH", "Network is unreachable"),
        new Entry("WSAENETRESET", 10052, "ENETRESET", "Network dropped connection on reset"),
        new Entry("WSAECONNABORTED", WSAECONNABORTED, "ECONNABORTED", "Software caused connection abort"),
        new Entry("WSAECONNRESET", WSAECONNRESET, "ECONNRESET", "Connection reset by peer"),
        new Entry("WSAENOBUFS", 10055, "ENOBUFS", "No buffer space available"),
        new Entry("WSAEISCONN", WSAEISCONN, "EISCONN", "Socket is already connected"),
        new Entry("WSAENOTCONN", WSAENOTCONN, "ENOTCONN", "Socket is not connected"),
        new Entry("WSAESHUTDOWN", WSAESHUTDOWN, "EPIPE", "Cannot send after socket shutdown"),
        new Entry("WSAETOOMANYREFS", 10059, "ETOOMANYREFS", "Too many references"),
        new Entry("WSAETIMEDOUT", 10060, "ETIMEDOUT", "Connection timed out"),
        new Entry("WSAECONNREFUSED", WSAECONNREFUSED, "ECONNREFUSED", "Connection refused"),
        new Entry("WSAELOOP", 10062, "ELOOP", "Cannot translate name"),
        new Entry("WSAENAMETOOLONG", 10063, "ENAMETOOLONG", "Name too long"),
        new Entry("WSAEHOSTDOWN", 10064, "EHOSTDOWN", "Host is down"),
        new Entry("WSAEHOSTUNREACH", 10065, "EHOSTUNREACH", "No route to host"),
        new Entry("WSAENOTEMPTY", 10066, "ENOTEMPTY", "Directory not empty"),
        new Entry("WSAEPROCLIM", 10067, "EPROCLIM", "Too many processes"),
        new Entry("WSAEUSERS", 10068, "EUSERS", "User quota exceeded"),
        new Entry("WSAEDQUOT", 10069, "EDQUOT", "Disk quota exceeded"),
        new Entry("WSAESTALE", 10070, "ESTALE", "Stale file handle reference"),
        new Entry("WSAEREMOTE", 10071, "EREMOTE", "Item is remote"),
        new Entry("WSASYSNOTREADY", 10091, "EIO", "Network subsystem is unavailable"),
        new Entry("WSAVERNOTSUPPORTED", 10092, "EIO", "Winsock version out of range"),
        new Entry("WSANOTINITIALISED", 10093, "EIO", "WSAStartup was not called"),
        new Entry("WSAEDISCON", 10101, "EPIPE", "Graceful shutdown in progress"),
    };

    private static final Map<Integer, Entry> BY_CODE = new HashMap<>();
    private static final Map<String, Entry> BY_NAME = new HashMap<>();

    static {
        for (Entry e : ENTRIES) {
            if (BY_CODE.putIfAbsent(e.code(), e) != null || BY_NAME.putIfAbsent(e.windowsName(), e) != null) {
                throw new ExceptionInInitializerError("duplicate Winsock error entry " + e);
            }
        }
    }

    private WinsockErrors() {
    }

    /** The POSIX errno name for a Winsock or Win32 error code, or {@link #UNKNOWN_POSIX_NAME}. */
    public static String posixName(int code) {
        Entry e = BY_CODE.get(code);
        return e == null ? UNKNOWN_POSIX_NAME : e.posixName();
    }

    /** The Windows symbolic name of {@code code}, e.g. {@code "WSAECONNREFUSED"}, or its number as text. */
    public static String windowsName(int code) {
        Entry e = BY_CODE.get(code);
        return e == null ? Integer.toString(code) : e.windowsName();
    }

    /**
     * The code of a Windows symbolic name in this table.
     *
     * @throws IllegalArgumentException if the table has no such name
     */
    public static int code(String windowsName) {
        Entry e = BY_NAME.get(windowsName);
        if (e == null) {
            throw new IllegalArgumentException("no Winsock error named " + windowsName);
        }
        return e.code();
    }

    /** Every Windows symbolic name in the table, in table order (for the layout oracle test). */
    public static String[] windowsNames() {
        String[] names = new String[ENTRIES.length];
        for (int i = 0; i < ENTRIES.length; i++) {
            names[i] = ENTRIES[i].windowsName();
        }
        return names;
    }

    /**
     * The exception for a failed call.
     *
     * @param code the {@code WSAGetLastError()} / {@code GetLastError()} value
     * @param call the Winsock function that failed, for the message, e.g. {@code "connect"}
     */
    public static SocketErrorException exception(int code, String call) {
        Entry e = BY_CODE.get(code);
        if (e == null) {
            return new SocketErrorException(SocketError.OTHER, UNKNOWN_POSIX_NAME, code,
                    call + ": Windows error " + code);
        }
        return new SocketErrorException(SocketError.forName(e.posixName()), e.posixName(), code,
                call + ": " + e.message() + " (" + e.windowsName() + " " + code + ")");
    }
}
