package dev.twine.backend.iocp;

import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.windows.Afd;
import dev.twine.nativeio.windows.Win32;
import dev.twine.nativeio.windows.WinLayout;

/**
 * One socket's poll bookkeeping in an {@link IocpPoller}: the Java side of a native request record
 * ({@link Afd}) that lives in a {@link PollRequestPool} chunk.
 *
 * <p>Life cycle. A request is taken from the pool when a handle first gets non-zero interest and is
 * <em>attached</em> to it ({@link #handle} set, {@code handle.pollRequest == this}). Interest {@code 0}
 * detaches it; a detached request goes back to the pool only once no poll is in flight, because the kernel
 * writes the record until the poll's packet (completed or cancelled) has been dequeued. States:
 * <ul>
 *   <li>{@link #IDLE}: no poll in flight; the record is ours.</li>
 *   <li>{@link #PENDING}: a poll for {@link #submittedMask} is in flight.</li>
 *   <li>{@link #CANCELLING}: {@code CancelIoEx} was called; the packet is still to come.</li>
 * </ul>
 * Reactor thread only.
 */
final class AfdPollRequest {
    static final int IDLE = 0;
    static final int PENDING = 1;
    static final int CANCELLING = 2;

    /** Index in the pool; also written into the record so a packet finds its request. */
    final int slot;
    /** The chunk holding the record, and the record's offset in it. */
    final DirectMemory block;
    final int offset;
    /** The record's address: the {@code IO_STATUS_BLOCK}, and the packets' {@code lpOverlapped}. */
    final long address;

    /** The AFD helper handle this request's polls go to, and that helper's index in the pool. */
    long afd;
    int helper;
    /** The attached handle, or null once detached. */
    WinsockHandle handle;
    /** The reactor's token for the attached handle, reported with each completion. */
    long token;
    /** The Poller interest ({@code READ | WRITE}) last set. */
    int interest;
    /** The {@code AFD_POLL_*} mask of the poll in flight. */
    int submittedMask;
    int state = IDLE;
    /** True while in the poller's update queue. */
    boolean queued;

    AfdPollRequest(int slot, DirectMemory block, int offset) {
        this.slot = slot;
        this.block = block;
        this.offset = offset;
        this.address = block.address(offset);
    }

    /**
     * Submits an {@code IOCTL_AFD_POLL} for {@code mask}. Pending and immediate success both mean a packet
     * will be queued (a poll ready at submission still posts one).
     *
     * @return the NT status when the submission failed, or {@code 0} when it is in flight
     */
    int submit(Win32 win, int mask) {
        int status = Afd.submit(win, afd, block, offset, handle.baseSocket, mask);
        if (status == WinLayout.STATUS_PENDING || status == WinLayout.STATUS_SUCCESS) {
            state = PENDING;
            submittedMask = mask;
            return 0;
        }
        return status;
    }

    /** Cancels the poll in flight; its packet (cancelled, or a result that raced) is still to come. */
    void cancel(Win32 win) {
        // FALSE means it already completed (ERROR_NOT_FOUND): its packet is queued anyway.
        Afd.cancel(win, afd, block, offset);
        state = CANCELLING;
    }

    /** Separates the request from its handle, which is then never reported again. */
    void detach() {
        if (handle != null && handle.pollRequest == this) {
            handle.pollRequest = null;
        }
        handle = null;
        interest = 0;
    }

    @Override
    public String toString() {
        return "AfdPollRequest[slot=" + slot + ", state=" + state + ", interest=" + interest
                + ", mask=0x" + Integer.toHexString(submittedMask) + ", " + handle + "]";
    }
}
