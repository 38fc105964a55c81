/**
 * The small Application/Service layer of Twisted's {@code twisted.application}: services with a start
 * and stop life cycle ({@link dev.twine.application.IService}, {@link dev.twine.application.Service}),
 * collections of them ({@link dev.twine.application.MultiService}), a service that listens on a TCP port
 * ({@link dev.twine.application.TCPServer}), and the persistent root
 * ({@link dev.twine.application.Application}) that starts the tree on a reactor, stops it in the
 * reactor's shutdown phases and saves the state of {@link dev.twine.application.IPersistable} services
 * so that a restarted program continues where it stopped ({@code twistd -f app.tap}).
 */
package dev.twine.application;
