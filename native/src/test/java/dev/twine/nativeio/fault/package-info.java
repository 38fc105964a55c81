/**
 * Deterministic fault injection at the system-call boundary (native.md §1.5; Twisted tests its
 * kqueue reactor the same way, through an injectable {@code _IKQueue}).
 *
 * <p>A {@link dev.twine.nativeio.fault.FaultPlan} says which {@link dev.twine.nativeio.fault.Call}s
 * fail with which {@link dev.twine.nativeio.fault.Fault}s, how often, from a seed; the decorators
 * ({@link dev.twine.nativeio.fault.FaultInjectingPosixSockets},
 * {@link dev.twine.nativeio.fault.FaultInjectingLinuxEpoll}) apply it around the real bindings, and
 * {@link dev.twine.nativeio.fault.FaultInjection} assembles decorated bindings for a backend.
 */
package dev.twine.nativeio.fault;
