/**
 * Allocation on the server's event-loop thread alone, per echoed message, read from the JVM's
 * per-thread allocation counter; JMH's {@code -prof gc} figure counts every thread, the load
 * client's included.
 */
package dev.twine.bench.alloc;
