package dev.twine.nativeio.bsd;

import dev.twine.nativeio.posix.ErrnoTable;

/**
 * The errno tables of macOS and FreeBSD.
 *
 * <p>Both inherit 4.4BSD's numbering for 1 to 81 ({@code EAGAIN} 35, {@code EINPROGRESS} 36,
 * {@code ECONNRESET} 54, {@code ECONNREFUSED} 61, where Linux has 11, 115, 104 and 111), from xnu's
 * {@code bsd/sys/errno.h} and FreeBSD's {@code sys/sys/errno.h}; above 81 they diverge
 * ({@code ECANCELED} is 89 on macOS and 85 on FreeBSD). {@code EOPNOTSUPP} is where they differ
 * inside the socket range: macOS gives 45 to {@code ENOTSUP} and 102 to {@code EOPNOTSUPP}; FreeBSD
 * has one value, 45, for both. The texts are those of each system's {@code strerror}.
 *
 * <p>Which table applies is decided by the system that runs the code, not by the kevent ABI: the
 * project's kqueue emulation speaks the FreeBSD or macOS ABI on a Linux kernel, so its errno values
 * are Linux's ({@link KqueueBindings} picks the table from {@code os.name}).
 */
public final class BsdErrno {

    /** macOS (xnu). */
    public static final ErrnoTable DARWIN = common(ErrnoTable.builder("darwin"), "Resource busy")
            .add(82, "EPWROFF", "Device power is off")
            .add(83, "EDEVERR", "Device error")
            .add(84, "EOVERFLOW", "Value too large to be stored in data type")
            .add(85, "EBADEXEC", "Bad executable (or shared library)")
            .add(86, "EBADARCH", "Bad CPU type in executable")
            .add(87, "ESHLIBVERS", "Shared library version mismatch")
            .add(88, "EBADMACHO", "Malformed Mach-o file")
            .add(89, "ECANCELED", "Operation canceled")
            .add(90, "EIDRM", "Identifier removed")
            .add(91, "ENOMSG", "No message of desired type")
            .add(92, "EILSEQ", "Illegal byte sequence")
            .add(93, "ENOATTR", "Attribute not found")
            .add(94, "EBADMSG", "Bad message")
            .add(95, "EMULTIHOP", "EMULTIHOP (Reserved)")
            .add(96, "ENODATA", "No message available on STREAM")
            .add(97, "ENOLINK", "ENOLINK (Reserved)")
            .add(98, "ENOSR", "No STREAM resources")
            .add(99, "ENOSTR", "Not a STREAM")
            .add(100, "EPROTO", "Protocol error")
            .add(101, "ETIME", "STREAM ioctl timeout")
            .add(102, "EOPNOTSUPP", "Operation not supported on socket")
            .add(103, "ENOPOLICY", "Policy not found")
            .add(104, "ENOTRECOVERABLE", "State not recoverable")
            .add(105, "EOWNERDEAD", "Previous owner died")
            .add(106, "EQFULL", "Interface output queue is full")
            .build();

    /** FreeBSD 12 and later. */
    public static final ErrnoTable FREEBSD = common(ErrnoTable.builder("freebsd"), "Device busy")
            .alias("EOPNOTSUPP", "ENOTSUP")
            .add(82, "EIDRM", "Identifier removed")
            .add(83, "ENOMSG", "No message of desired type")
            .add(84, "EOVERFLOW", "Value too large to be stored in data type")
            .add(85, "ECANCELED", "Operation canceled")
            .add(86, "EILSEQ", "Illegal byte sequence")
            .add(87, "ENOATTR", "Attribute not found")
            .add(88, "EDOOFUS", "Programming error")
            .add(89, "EBADMSG", "Bad message")
            .add(90, "EMULTIHOP", "Multihop attempted")
            .add(91, "ENOLINK", "Link has been severed")
            .add(92, "EPROTO", "Protocol error")
            .add(93, "ENOTCAPABLE", "Capabilities insufficient")
            .add(94, "ECAPMODE", "Not permitted in capability mode")
            .add(95, "ENOTRECOVERABLE", "State not recoverable")
            .add(96, "EOWNERDEAD", "Previous owner died")
            .add(97, "EINTEGRITY", "Integrity check failed")
            .build();

    private BsdErrno() {
    }

    /** 1 to 81, as 4.4BSD numbered them; 45 is named ENOTSUP here (see the class comment). */
    private static ErrnoTable.Builder common(ErrnoTable.Builder b, String ebusyText) {
        return b.add(1, "EPERM", "Operation not permitted")
                .add(2, "ENOENT", "No such file or directory")
                .add(3, "ESRCH", "No such process")
                .add(4, "EINTR", "Interrupted system call")
                .add(5, "EIO", "Input/output error")
                .add(6, "ENXIO", "Device not configured")
                .add(7, "E2BIG", "Argument list too long")
                .add(8, "ENOEXEC", "Exec format error")
                .add(9, "EBADF", "Bad file descriptor")
                .add(10, "ECHILD", "No child processes")
                .add(11, "EDEADLK", "Resource deadlock avoided")
                .add(12, "ENOMEM", "Cannot allocate memory")
                .add(13, "EACCES", "Permission denied")
                .add(14, "EFAULT", "Bad address")
                .add(15, "ENOTBLK", "Block device required")
                .add(16, "EBUSY", ebusyText)
                .add(17, "EEXIST", "File exists")
                .add(18, "EXDEV", "Cross-device link")
                .add(19, "ENODEV", "Operation not supported by device")
                .add(20, "ENOTDIR", "Not a directory")
                .add(21, "EISDIR", "Is a directory")
                .add(22, "EINVAL", "Invalid argument")
                .add(23, "ENFILE", "Too many open files in system")
                .add(24, "EMFILE", "Too many open files")
                .add(25, "ENOTTY", "Inappropriate ioctl for device")
                .add(26, "ETXTBSY", "Text file busy")
                .add(27, "EFBIG", "File too large")
                .add(28, "ENOSPC", "No space left on device")
                .add(29, "ESPIPE", "Illegal seek")
                .add(30, "EROFS", "Read-only file system")
                .add(31, "EMLINK", "Too many links")
                .add(32, "EPIPE", "Broken pipe")
                .add(33, "EDOM", "Numerical argument out of domain")
                .add(34, "ERANGE", "Result too large")
                .add(35, "EAGAIN", "Resource temporarily unavailable")
                .alias("EWOULDBLOCK", "EAGAIN")
                .add(36, "EINPROGRESS", "Operation now in progress")
                .add(37, "EALREADY", "Operation already in progress")
                .add(38, "ENOTSOCK", "Socket operation on non-socket")
                .add(39, "EDESTADDRREQ", "Destination address required")
                .add(40, "EMSGSIZE", "Message too long")
                .add(41, "EPROTOTYPE", "Protocol wrong type for socket")
                .add(42, "ENOPROTOOPT", "Protocol not available")
                .add(43, "EPROTONOSUPPORT", "Protocol not supported")
                .add(44, "ESOCKTNOSUPPORT", "Socket type not supported")
                .add(45, "ENOTSUP", "Operation not supported")
                .add(46, "EPFNOSUPPORT", "Protocol family not supported")
                .add(47, "EAFNOSUPPORT", "Address family not supported by protocol family")
                .add(48, "EADDRINUSE", "Address already in use")
                .add(49, "EADDRNOTAVAIL", "Can't assign requested address")
                .add(50, "ENETDOWN", "Network is down")
                .add(51, "ENETUNREACH", "Network is unreachable")
                .add(52, "ENETRESET", "Network dropped connection on reset")
                .add(53, "ECONNABORTED", "Software caused connection abort")
                .add(54, "ECONNRESET", "Connection reset by peer")
                .add(55, "ENOBUFS", "No buffer space available")
                .add(56, "EISCONN", "Socket is already connected")
                .add(57, "ENOTCONN", "Socket is not connected")
                .add(58, "ESHUTDOWN", "Can't send after socket shutdown")
                .add(59, "ETOOMANYREFS", "Too many references: can't splice")
                .add(60, "ETIMEDOUT", "Operation timed out")
                .add(61, "ECONNREFUSED", "Connection refused")
                .add(62, "ELOOP", "Too many levels of symbolic links")
                .add(63, "ENAMETOOLONG", "File name too long")
                .add(64, "EHOSTDOWN", "Host is down")
                .add(65, "EHOSTUNREACH", "No route to host")
                .add(66, "ENOTEMPTY", "Directory not empty")
                .add(67, "EPROCLIM", "Too many processes")
                .add(68, "EUSERS", "Too many users")
                .add(69, "EDQUOT", "Disc quota exceeded")
                .add(70, "ESTALE", "Stale NFS file handle")
                .add(71, "EREMOTE", "Too many levels of remote in path")
                .add(72, "EBADRPC", "RPC struct is bad")
                .add(73, "ERPCMISMATCH", "RPC version wrong")
                .add(74, "EPROGUNAVAIL", "RPC prog. not avail")
                .add(75, "EPROGMISMATCH", "Program version wrong")
                .add(76, "EPROCUNAVAIL", "Bad procedure for program")
                .add(77, "ENOLCK", "No locks available")
                .add(78, "ENOSYS", "Function not implemented")
                .add(79, "EFTYPE", "Inappropriate file type or format")
                .add(80, "EAUTH", "Authentication error")
                .add(81, "ENEEDAUTH", "Need authenticator");
    }
}
