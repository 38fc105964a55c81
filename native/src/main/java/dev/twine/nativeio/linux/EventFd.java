package dev.twine.nativeio.linux;

/**
 * eventfd(2): a kernel counter with a descriptor, which the epoll poller uses to be woken from
 * another thread.
 *
 * <p>Same return convention as {@link LinuxEpoll}. Production implementations: {@link JnrEventFd}
 * (jnr-ffi) and {@code PanamaEventFd} (JDK 22+), one chosen per JVM by {@code NativeBindings}.
 * Stateless and thread-safe.
 */
public interface EventFd {

    /** {@code eventfd} flag: close-on-exec (equals {@code O_CLOEXEC}). */
    int EFD_CLOEXEC = 0x80000;
    /** {@code eventfd} flag: non-blocking (equals {@code O_NONBLOCK}). */
    int EFD_NONBLOCK = 0x800;

    /** {@code int eventfd(unsigned int initval, int flags)}: a descriptor or {@code -errno}. */
    int eventfd(int initialValue, int flags);

    /**
     * {@code int eventfd_write(int fd, eventfd_t value)}: adds {@code value} to the counter. Returns
     * 0, or a negative value without an errno: the only failure on a valid non-blocking eventfd is
     * {@code EAGAIN} when the counter would overflow, which for a wake-up means a wake-up is already
     * pending, so the caller has nothing to handle.
     */
    int write(int fd, long value);

    /** {@code close}; the result carries no errno. */
    int close(int fd);
}
