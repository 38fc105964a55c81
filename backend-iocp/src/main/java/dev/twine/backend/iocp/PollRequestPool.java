package dev.twine.backend.iocp;

import dev.twine.nativeio.posix.DirectMemory;
import dev.twine.nativeio.windows.Afd;
import dev.twine.nativeio.windows.CompletionPort;
import dev.twine.nativeio.windows.Win32;

import java.io.IOException;
import java.util.Arrays;

/**
 * The native memory and AFD helper handles behind an {@link IocpPoller}'s requests.
 *
 * <p><b>Memory.</b> Request records are carved from chunks of {@link #PER_CHUNK} records that are
 * allocated on demand and never moved or freed while the poller lives, so a record's address stays valid
 * for as long as the kernel may write it. Slots are recycled through a free list: after warm-up,
 * registering a socket allocates nothing. Each record stores its slot number right after the
 * {@code AFD_POLL_INFO}, so a completion packet (whose {@code lpOverlapped} is the record address) leads
 * back to its request without a map lookup.
 *
 * <p><b>Helpers.</b> Polls are spread over AFD helper handles serving at most {@link #PER_HELPER} sockets
 * each, as wepoll does: Windows handles many pending polls on one helper handle poorly. Helpers are opened
 * on demand and kept until the poller closes.
 *
 * <p>Reactor thread only.
 */
final class PollRequestPool {
    static final int PER_CHUNK = 64;
    static final int PER_HELPER = 32;
    /** Record stride: the 48-byte record, then the slot number, padded to keep 8-byte alignment. */
    static final int STRIDE = 64;
    private static final int SLOT_AT = Afd.RECORD_SIZE;

    private final Win32 win;
    private final CompletionPort port;
    private final long helperKey;

    private DirectMemory[] chunks = new DirectMemory[4];
    private int chunkCount;
    private AfdPollRequest[] requests = new AfdPollRequest[0];
    private int[] free = new int[0];
    private int freeCount;

    private long[] helpers = new long[2];
    private int[] helperLoad = new int[2];
    private int helperCount;

    PollRequestPool(Win32 win, CompletionPort port, long helperKey) {
        this.win = win;
        this.port = port;
        this.helperKey = helperKey;
    }

    /** Takes a free request and assigns it an AFD helper; it comes back {@link AfdPollRequest#IDLE}. */
    AfdPollRequest acquire() throws IOException {
        if (freeCount == 0) {
            grow();
        }
        AfdPollRequest r = requests[free[--freeCount]];
        int h = helperWithRoom();
        helperLoad[h]++;
        r.helper = h;
        r.afd = helpers[h];
        r.state = AfdPollRequest.IDLE;
        r.interest = 0;
        r.submittedMask = 0;
        r.handle = null;
        return r;
    }

    /** Returns an idle, detached request to the pool. */
    void release(AfdPollRequest r) {
        assert r.state == AfdPollRequest.IDLE && r.handle == null;
        helperLoad[r.helper]--;
        r.afd = 0;
        free[freeCount++] = r.slot;
    }

    /** The request whose record is at {@code address}, or null for an address that is not a record. */
    AfdPollRequest byAddress(long address) {
        if (address == 0) {
            return null;
        }
        int slot = DirectMemory.peekInt(address + SLOT_AT);
        if (slot < 0 || slot >= requests.length || requests[slot].address != address) {
            return null;
        }
        return requests[slot];
    }

    /** Every request ever created, for closing; entries past the pool's size are null. */
    AfdPollRequest[] all() {
        return requests;
    }

    /** The open helper handles. */
    long[] helpers() {
        return Arrays.copyOf(helpers, helperCount);
    }

    /** Frees every chunk. Only when no poll is in flight. */
    void freeMemory() {
        for (int i = 0; i < chunkCount; i++) {
            chunks[i].free();
        }
        chunkCount = 0;
    }

    private void grow() {
        DirectMemory chunk = DirectMemory.block(PER_CHUNK * STRIDE);
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = chunk;
        int base = requests.length;
        requests = Arrays.copyOf(requests, base + PER_CHUNK);
        free = Arrays.copyOf(free, base + PER_CHUNK);
        // Pushed in reverse so the lowest slot is handed out first.
        for (int i = PER_CHUNK - 1; i >= 0; i--) {
            int slot = base + i;
            chunk.putInt(i * STRIDE + SLOT_AT, slot);
            requests[slot] = new AfdPollRequest(slot, chunk, i * STRIDE);
            free[freeCount++] = slot;
        }
    }

    private int helperWithRoom() throws IOException {
        for (int i = 0; i < helperCount; i++) {
            if (helperLoad[i] < PER_HELPER) {
                return i;
            }
        }
        long h = Afd.openHelper(win, port, helperKey);
        if (helperCount == helpers.length) {
            helpers = Arrays.copyOf(helpers, helperCount * 2);
            helperLoad = Arrays.copyOf(helperLoad, helperCount * 2);
        }
        helpers[helperCount] = h;
        helperLoad[helperCount] = 0;
        return helperCount++;
    }

    /**
     * Detaches every request and cancels every poll in flight, then dequeues (for at most
     * {@code patienceNanos}) until each cancelled poll's packet has come back, so the kernel no longer
     * writes any record. Packets of other keys are discarded: the poller is closing.
     *
     * @return the number of polls whose packet never came (their records must not be freed)
     */
    int cancelAndDrain(long patienceNanos) throws IOException {
        int inFlight = 0;
        for (AfdPollRequest r : all()) {
            if (r == null) {
                continue;
            }
            r.detach();
            if (r.state == AfdPollRequest.PENDING) {
                r.cancel(win);
            }
            if (r.state != AfdPollRequest.IDLE) {
                inFlight++;
            }
        }
        long deadline = System.nanoTime() + patienceNanos;
        while (inFlight > 0 && System.nanoTime() - deadline < 0) {
            int n = port.dequeue(100);
            for (int i = 0; i < n; i++) {
                AfdPollRequest r = port.key(i) == helperKey ? byAddress(port.overlapped(i)) : null;
                if (r != null && r.state != AfdPollRequest.IDLE) {
                    r.state = AfdPollRequest.IDLE;
                    inFlight--;
                }
            }
        }
        return inFlight;
    }
}
