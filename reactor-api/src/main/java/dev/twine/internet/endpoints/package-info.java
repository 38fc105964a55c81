/**
 * Twisted's endpoints ({@code twisted.internet.endpoints}, semantics.md §1.14): where to listen and where to
 * connect as objects ({@link dev.twine.internet.endpoints.IStreamServerEndpoint},
 * {@link dev.twine.internet.endpoints.IStreamClientEndpoint}) whose results arrive in Deferreds, and the
 * description strings that make them ({@link dev.twine.internet.endpoints.Endpoints#serverFromString},
 * {@link dev.twine.internet.endpoints.Endpoints#clientFromString}), with parsers found as services by
 * prefix.
 *
 * <p>Endpoints are used on the reactor thread unless a type says otherwise.
 */
package dev.twine.internet.endpoints;
