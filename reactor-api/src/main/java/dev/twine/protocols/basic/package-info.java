/**
 * Framing protocols (Twisted's {@code twisted.protocols.basic}, §1.15 of twisted-semantics.md):
 * {@link dev.twine.protocols.basic.LineReceiver} and {@link dev.twine.protocols.basic.LineOnlyReceiver}
 * split a byte stream into lines with Twisted's exact length and disconnect rules.
 */
package dev.twine.protocols.basic;
