/**
 * Protocol policies (Twisted's {@code twisted.protocols.policies}, semantics.md §3.5-3.8): wrappers that
 * sit between a transport and a protocol ({@link dev.twine.protocols.policies.ProtocolWrapper},
 * {@link dev.twine.protocols.policies.WrappingFactory}) to add idle timeouts
 * ({@link dev.twine.protocols.policies.TimeoutFactory}, and {@link dev.twine.protocols.policies.TimeoutMixin}
 * for a protocol's own timeout) and connection and bandwidth limits
 * ({@link dev.twine.protocols.policies.ThrottlingFactory}). Everything runs above the reactor, on any
 * backend; every timer is taken from an injected clock, so tests use {@code task.Clock}.
 */
package dev.twine.protocols.policies;
