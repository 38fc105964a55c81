/**
 * Twine's reactor: Twisted's interfaces and the one reactor loop, the shared TCP transport, Deferred, and
 * the SPI that backends implement.
 *
 * <p>A program needs this module and at least one backend module on the module path (for example
 * {@code dev.twine.backend.epoll}, or {@code dev.twine.all} for every backend). Backends are found as
 * {@link dev.twine.spi.ReactorBackend} services, so an application module {@code requires dev.twine.reactor}
 * only; the module system binds whichever backend modules it finds. On the class path the same backends
 * are found through their {@code META-INF/services} files.
 *
 * <p>Every package is exported: what is public in this jar is Twine's API today, on the module path
 * exactly as on the class path.
 */
module dev.twine.reactor {
    exports dev.twine.application;
    exports dev.twine.defer;
    exports dev.twine.internet;
    exports dev.twine.internet.base;
    exports dev.twine.internet.endpoints;
    exports dev.twine.internet.error;
    exports dev.twine.internet.group;
    exports dev.twine.internet.process;
    exports dev.twine.internet.ssl;
    exports dev.twine.internet.task;
    exports dev.twine.internet.tcp;
    exports dev.twine.internet.threads;
    exports dev.twine.internet.udp;
    exports dev.twine.internet.unix;
    exports dev.twine.protocols.basic;
    exports dev.twine.protocols.haproxy;
    exports dev.twine.protocols.policies;
    exports dev.twine.protocols.tls;
    exports dev.twine.spi;

    // Optional: the stall detector's JFR events; without the module they are simply not recorded.
    requires static jdk.jfr;

    uses dev.twine.spi.ReactorBackend;

    // Endpoint description parsers (Endpoints.serverFromString/clientFromString): Twine's own, and any other
    // module's, found by prefix.
    uses dev.twine.internet.endpoints.IStreamServerEndpointStringParser;
    uses dev.twine.internet.endpoints.IStreamClientEndpointStringParserWithReactor;
    provides dev.twine.internet.endpoints.IStreamServerEndpointStringParser with
            dev.twine.internet.endpoints.TCPServerParser,
            dev.twine.internet.endpoints.TCP6ServerParser,
            dev.twine.internet.endpoints.SSLServerParser,
            dev.twine.internet.endpoints.UNIXServerParser,
            dev.twine.protocols.haproxy.HAProxyServerParser;
    provides dev.twine.internet.endpoints.IStreamClientEndpointStringParserWithReactor with
            dev.twine.internet.endpoints.TCPClientParser,
            dev.twine.internet.endpoints.SSLClientParser,
            dev.twine.internet.endpoints.TLSClientParser,
            dev.twine.internet.endpoints.UNIXClientParser;
}
