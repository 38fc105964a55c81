/**
 * The PROXY protocol of HAProxy, versions 1 and 2 (Twisted's {@code twisted.protocols.haproxy},
 * semantics.md §3.18): a server behind a load balancer learns each connection's real client and destination
 * from the header the balancer sends first.
 */
package dev.twine.protocols.haproxy;
