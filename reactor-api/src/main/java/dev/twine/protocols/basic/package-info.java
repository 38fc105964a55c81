/**
 * Framing protocols (Twisted's {@code twisted.protocols.basic}, semantics.md §1.15):
 * {@link dev.twine.protocols.basic.LineReceiver} and {@link dev.twine.protocols.basic.LineOnlyReceiver}
 * split a byte stream into lines with Twisted's exact length and disconnect rules.
 */
package dev.twine.protocols.basic;
