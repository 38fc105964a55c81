/**
 * Test fixtures shared by every module's tests: real loopback sockets over any backend's
 * {@link dev.twine.spi.SocketProvider} ({@link dev.twine.testfixtures.LoopbackSockets}), bounded waiting
 * ({@link dev.twine.testfixtures.Await}), log capture ({@link dev.twine.testfixtures.LogCapture}) and
 * descriptor counting ({@link dev.twine.testfixtures.OpenDescriptors}).
 *
 * <p>They live in reactor-api's test-jar because every other module already depends on reactor-api, so
 * the test-jar can be a test-scoped dependency of each without a cycle. Nothing here depends on a
 * backend or on native code. Every wait here is bounded in time; nothing listens anywhere but on the
 * loopback interface, and always on port 0.
 */
package dev.twine.testfixtures;
