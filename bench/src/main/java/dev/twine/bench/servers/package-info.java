/**
 * Servers for real load generators, each runnable on any Twine backend or on Netty's epoll and NIO
 * transports with the same bytes on the wire: {@link dev.twine.bench.servers.HttpServer} (for
 * {@code wrk}), {@link dev.twine.bench.servers.RespServer} (for {@code redis-benchmark}) and
 * {@link dev.twine.bench.servers.EchoServer}. The JMH echo benchmark and the idle-connection probe
 * start the same servers in-process through {@link dev.twine.bench.servers.ServerHost}.
 *
 * <p>Both stacks parse with the same allocation-free {@link dev.twine.bench.servers.RequestScanner},
 * so what differs between them is the event loop, the transport and the buffers.
 */
package dev.twine.bench.servers;
