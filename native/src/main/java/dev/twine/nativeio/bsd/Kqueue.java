package dev.twine.nativeio.bsd;

/**
 * The kqueue system calls ({@code <sys/event.h>}, kqueue(2)) in the flat shape of
 * {@link dev.twine.nativeio.posix.PosixSockets}: ints and {@code long} addresses in, a result or
 * {@code -errno} out. {@code -EINTR} is passed through; the poller decides.
 *
 * <p>The structures are described by a {@link KeventLayout}, which the implementation does not
 * know: it passes addresses. That keeps one binding for every ABI, and it is why the poller checks
 * the layout at start-up.
 *
 * <p>It is the seam at the syscall boundary (native.md §1.5): the production implementation is
 * {@link JnrKqueue}; tests may wrap it to inject failures. Implementations are stateless and
 * thread-safe; {@link #kevent} may be called from several threads at once, as kqueue allows.
 */
public interface Kqueue {

    /** {@code int kqueue(void)}: a new kqueue descriptor, or {@code -errno}. */
    int kqueue();

    /**
     * {@code int kevent(int kq, const struct kevent *changelist, int nchanges,
     * struct kevent *eventlist, int nevents, const struct timespec *timeout)}.
     *
     * @param changesAddress address of {@code nchanges} entries (ignored when {@code nchanges} is 0)
     * @param eventsAddress  address of room for {@code nevents} entries
     * @param timeoutAddress address of a {@code struct timespec}, or {@code 0} to wait without limit
     * @return the number of entries placed in the event list, or {@code -errno}
     */
    int kevent(int kq, long changesAddress, int nchanges, long eventsAddress, int nevents, long timeoutAddress);

    /**
     * {@code int close(int fd)} for the kqueue descriptor, resolved in the kqueue library (which is
     * the C library's own close unless an emulation defines one to release its state). As with
     * {@link dev.twine.nativeio.posix.PosixSockets#close}, the result carries no errno and the call
     * is never retried.
     */
    int close(int fd);

    /** Where the calls go, for messages: the library path, or "the C library". */
    String library();
}
