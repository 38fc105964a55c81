/**
 * Twisted's {@code twisted.internet} in Java: the reactor interfaces ({@link dev.twine.internet.IReactorCore},
 * {@link dev.twine.internet.IReactorTime}, {@link dev.twine.internet.IReactorThreads},
 * {@link dev.twine.internet.IReactorFDSet}, {@link dev.twine.internet.IReactorTCP}), the descriptor and
 * transport interfaces, and {@link dev.twine.internet.Protocol}/{@link dev.twine.internet.Factory}.
 *
 * <p>Names and observable behaviour follow Twisted (see {@code docs/semantics.md}); where Twine
 * deliberately does better the interface says so. Unless an interface states otherwise, its methods must be
 * called on the reactor thread.
 */
package dev.twine.internet;
