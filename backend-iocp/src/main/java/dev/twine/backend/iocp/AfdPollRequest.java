package dev.twine.backend.iocp;

import dev.twine.nativeio.windows.Afd;
import dev.twine.nativeio.windows.NativeBlock;

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
    final NativeBlock block;
    final int offset;
    /** The record's address: the {@code IO_STATUS_BLOCK}, and the packets' {@code lpOverlapped}. */
    final long address;

    /** The AFD helper handle this request's polls go to, and that helper's index in the pool. */
    long afd;
    int helper;
    /** The attached handle, or null once detached. */
    WinsockHandle handle;
    /** The Poller interest ({@code READ | WRITE}) last set. */
    int interest;
    /** The {@code AFD_POLL_*} mask of the poll in flight. */
    int submittedMask;
    int state = IDLE;
    /** True while in the poller's update queue. */
    boolean queued;

    AfdPollRequest(int slot, NativeBlock block, int offset) {
        this.slot = slot;
        this.block = block;
        this.offset = offset;
        this.address = block.address(offset);
    }

    @Override
    public String toString() {
        return "AfdPollRequest[slot=" + slot + ", state=" + state + ", interest=" + interest
                + ", mask=0x" + Integer.toHexString(submittedMask) + ", " + handle + "]";
    }
}
