package dev.twine.bench.idle;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Live memory of this JVM after full collections: the heap in use and the direct buffers the JDK
 * accounts for (Netty's pooled allocator and Twine's read buffers may hold native memory that a heap
 * figure alone would hide, so both are reported).
 *
 * <p>The idle server runs with {@code -XX:+UseSerialGC}: after a {@code System.gc()} the serial
 * collector has compacted the whole heap, so "used" is exactly the live bytes. Two collections in
 * a row let objects with cleaners or finalizers from the first go in the second.
 *
 * @param heapBytes   heap in use after the collections
 * @param directBytes memory used by direct buffers ({@code BufferPoolMXBean "direct"})
 */
record HeapGauge(long heapBytes, long directBytes) {

    /** Collects twice (with a short pause for reference processing) and reads both figures. */
    static HeapGauge measure() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool.getMemoryUsed();
            }
        }
        return new HeapGauge(heap, direct);
    }
}
