/**
 * Child processes whose pipes the reactor serves (Twisted's {@code twisted.internet.process},
 * semantics.md §10).
 */
package dev.twine.internet.process;
