package dev.twine.nativeio.windows;

import dev.twine.nativeio.posix.ErrnoTable;
import dev.twine.spi.SocketErrorException;

/**
 * Winsock and Win32 error codes as an {@link ErrnoTable}: the POSIX name each code stands for, so that
 * the shared transport maps Windows errors to Twisted's classes the same way as errno values.
 *
 * <p>Winsock's {@code WSAE*} codes are the BSD errno values plus 10000 and translate one to one. The
 * others are chosen to match what a POSIX system reports in the same situation: {@code WSAEWOULDBLOCK}
 * is {@code EAGAIN}; {@code WSAESHUTDOWN} (sending after {@code shutdown(SD_SEND)}) and
 * {@code WSAEDISCON} are {@code EPIPE}, as POSIX {@code send} says; the completion world's
 * {@code ERROR_NETNAME_DELETED} (a reset), {@code ERROR_CONNECTION_REFUSED} and
 * {@code WSA_OPERATION_ABORTED} map to the name of the same condition. Only the names Twine acts on are
 * listed (those of {@code posix.Errno}); any other code is {@code EIO}, as the SPI prescribes, and its
 * message names the code. The codes are checked against the mingw-w64 headers by {@code WinLayoutTest}.
 * Immutable and thread-safe.
 */
public final class WinsockErrors {

    /** Codes the socket calls test for directly. */
    public static final int WSAEINVAL = 10022;
    public static final int WSAEWOULDBLOCK = 10035;
    public static final int WSAEINPROGRESS = 10036;
    public static final int WSAEALREADY = 10037;
    public static final int WSAEMSGSIZE = 10040;
    public static final int WSAENETRESET = 10052;
    public static final int WSAECONNABORTED = 10053;
    public static final int WSAECONNRESET = 10054;
    public static final int WSAENOBUFS = 10055;
    public static final int WSAEISCONN = 10056;
    public static final int WSAENOTCONN = 10057;
    public static final int WSAESHUTDOWN = 10058;
    public static final int WSAECONNREFUSED = 10061;

    /** Windows name, code, POSIX name. {@code WSAE*} rows first, so they are a POSIX name's primary code. */
    private static final Row[] ROWS = {
        new Row("WSAEINTR", 10004, "EINTR"),
        new Row("WSAEBADF", 10009, "EBADF"),
        new Row("WSAEACCES", 10013, "EACCES"),
        new Row("WSAEINVAL", WSAEINVAL, "EINVAL"),
        new Row("WSAEMFILE", 10024, "EMFILE"),
        new Row("WSAEWOULDBLOCK", WSAEWOULDBLOCK, "EAGAIN"),
        new Row("WSAEINPROGRESS", WSAEINPROGRESS, "EINPROGRESS"),
        new Row("WSAEALREADY", WSAEALREADY, "EALREADY"),
        new Row("WSAEMSGSIZE", WSAEMSGSIZE, "EMSGSIZE"),
        new Row("WSAEOPNOTSUPP", 10045, "EOPNOTSUPP"),
        new Row("WSAEAFNOSUPPORT", 10047, "EAFNOSUPPORT"),
        new Row("WSAEADDRINUSE", 10048, "EADDRINUSE"),
        new Row("WSAEADDRNOTAVAIL", 10049, "EADDRNOTAVAIL"),
        new Row("WSAENETUNREACH", 10051, "ENETUNREACH"),
        new Row("WSAECONNABORTED", WSAECONNABORTED, "ECONNABORTED"),
        new Row("WSAECONNRESET", WSAECONNRESET, "ECONNRESET"),
        new Row("WSAENOBUFS", WSAENOBUFS, "ENOBUFS"),
        new Row("WSAEISCONN", WSAEISCONN, "EISCONN"),
        new Row("WSAENOTCONN", WSAENOTCONN, "ENOTCONN"),
        new Row("WSAESHUTDOWN", WSAESHUTDOWN, "EPIPE"),
        new Row("WSAETIMEDOUT", 10060, "ETIMEDOUT"),
        new Row("WSAECONNREFUSED", WSAECONNREFUSED, "ECONNREFUSED"),
        new Row("WSAEHOSTUNREACH", 10065, "EHOSTUNREACH"),
        new Row("WSASYSNOTREADY", 10091, "EIO"),
        new Row("WSAVERNOTSUPPORTED", 10092, "EIO"),
        new Row("WSANOTINITIALISED", 10093, "EIO"),
        new Row("WSAEDISCON", 10101, "EPIPE"),
        // A UDP socket's ICMP "time exceeded" (SIO_UDP_NETRESET); Linux reports that ICMP as EHOSTUNREACH.
        new Row("WSAENETRESET", WSAENETRESET, "EHOSTUNREACH"),
        new Row("WSA_INVALID_HANDLE", 6, "EBADF"),
        new Row("WSA_NOT_ENOUGH_MEMORY", 8, "ENOMEM"),
        new Row("ERROR_NETNAME_DELETED", 64, "ECONNRESET"),
        new Row("WSA_INVALID_PARAMETER", 87, "EINVAL"),
        new Row("WSA_OPERATION_ABORTED", 995, "ECANCELED"),
        new Row("WSA_IO_PENDING", 997, "EINPROGRESS"),
        new Row("ERROR_CONNECTION_REFUSED", 1225, "ECONNREFUSED"),
    };

    /** The table; messages name the Windows code, e.g. {@code "WSAECONNREFUSED 10061"}. */
    public static final ErrnoTable TABLE = table();

    private WinsockErrors() {
    }

    private record Row(String windowsName, int code, String posixName) {
    }

    private static ErrnoTable table() {
        String[] names = new String[ROWS.length];
        int[] codes = new int[ROWS.length];
        for (int i = 0; i < ROWS.length; i++) {
            codes[i] = ROWS[i].code();
            names[i] = ROWS[i].posixName();
        }
        return ErrnoTable.of("windows", names, codes, code -> "Windows error " + windowsName(code) + " " + code);
    }

    /** The POSIX name of a Winsock or Win32 error code, or {@code "EIO"}. */
    public static String posixName(int code) {
        return TABLE.name(code);
    }

    /** The Windows symbolic name of {@code code}, e.g. {@code "WSAECONNREFUSED"}, or its number as text. */
    public static String windowsName(int code) {
        for (Row row : ROWS) {
            if (row.code() == code) {
                return row.windowsName();
            }
        }
        return Integer.toString(code);
    }

    /**
     * The code of a Windows symbolic name in the table.
     *
     * @throws IllegalArgumentException if the table has no such name
     */
    public static int code(String windowsName) {
        for (Row row : ROWS) {
            if (row.windowsName().equals(windowsName)) {
                return row.code();
            }
        }
        throw new IllegalArgumentException("no Winsock error named " + windowsName);
    }

    /** Every Windows symbolic name in the table, in table order (for the layout oracle test). */
    public static String[] windowsNames() {
        String[] names = new String[ROWS.length];
        for (int i = 0; i < ROWS.length; i++) {
            names[i] = ROWS[i].windowsName();
        }
        return names;
    }

    /**
     * The exception for a failed call.
     *
     * @param code the {@code WSAGetLastError()} / {@code GetLastError()} value
     * @param call the function that failed, for the message, e.g. {@code "connect"}
     */
    public static SocketErrorException exception(int code, String call) {
        return TABLE.exception(call, code);
    }
}
