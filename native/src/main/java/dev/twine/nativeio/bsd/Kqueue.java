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
 * <p>It is the seam at the syscall boundary (native.md §1.5): the production implementations are
 * {@link JnrKqueue} (jnr-ffi) and {@code PanamaKqueue} (JDK 22+), one chosen per JVM by
 * {@code NativeBindings}; tests may wrap either to inject failures. Implementations are stateless and
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
     * {@link #kevent} with an empty change list: the event loop's wait once its registrations are
     * settled. The result is {@code kevent}'s, with one narrowing of the contract: the timeout must be a
     * valid {@code struct timespec} (both fields non-negative, nanoseconds below 10^9) or {@code 0}. A
     * binding may answer a failed wait by polling again at once (the Panama binding does, so as not to
     * capture errno on every pass), and that second call does not read the timeout, so an invalid one
     * could be reported as an empty poll rather than {@code EINVAL}. A call with no changes changes
     * nothing, so repeating it loses no event: after {@code EINTR} the second poll returns what is
     * ready now.
     *
     * @param eventsAddress  address of room for {@code nevents} entries
     * @param timeoutAddress address of a valid {@code struct timespec}, or {@code 0} to wait without limit
     * @return the number of entries placed in the event list, or {@code -errno}
     */
    default int waitForEvents(int kq, long eventsAddress, int nevents, long timeoutAddress) {
        return kevent(kq, 0, 0, eventsAddress, nevents, timeoutAddress);
    }

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
