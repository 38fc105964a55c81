/**
 * The reactor conformance suite. Everything lives in this module's test sources: the harness
 * ({@code ReactorTest}, {@code ReactorPairTest}, {@code ReactorBuilder}) in {@code dev.twine.tck} and the
 * behaviours, written once and run on every backend, in its sub-packages. See {@code reactor-tck/README.md}.
 */
package dev.twine.tck;
