#!/usr/bin/python3
"""A TLS peer on real Twisted, for Twine's interoperability tests (reactor-tck, dev.twine.tck.tls).

    tls_peer.py server KEY CHAIN              echo server on 127.0.0.1, prints 'PORT n'; one connection
    tls_peer.py client PORT CA HOST LENGTH    sends LENGTH pattern bytes, checks the echo, prints 'ECHOED n'
    tls_peer.py starttls-client PORT CA HOST  line protocol: STARTTLS, then 'secret' through TLS
    tls_peer.py starttls-server KEY CHAIN     line protocol: answers STARTTLS with OK, then echoes lines

Every mode prints 'LOST <exception class>' when its connection ends and exits with status 0, or 1 if
something was wrong (printed as 'ERROR ...').
"""

import sys

from twisted.internet import protocol, reactor, ssl
from twisted.protocols.basic import LineReceiver


def pattern(length):
    return bytes((i * 31 + 7) % 251 for i in range(length))


def server_options(key, chain):
    with open(key) as k, open(chain) as c:
        pem = c.read()
        first = pem[: pem.index("-----END CERTIFICATE-----") + len("-----END CERTIFICATE-----")]
        cert = ssl.PrivateCertificate.loadPEM(first + "\n" + k.read())
    extra = [ssl.Certificate.loadPEM(b) for b in split_chain(pem)[1:]]
    return ssl.CertificateOptions(privateKey=cert.privateKey.original, certificate=cert.original,
                                  extraCertChain=[e.original for e in extra])


def split_chain(pem):
    end = "-----END CERTIFICATE-----"
    return [p + end + "\n" for p in pem.split(end) if "BEGIN CERTIFICATE" in p]


def client_options(ca, host):
    with open(ca) as f:
        root = ssl.Certificate.loadPEM(f.read())
    return ssl.optionsForClientTLS(host, trustRoot=root)


def report_loss(reason, status=0):
    print("LOST", reason.type.__name__, flush=True)
    reactor.callLater(0, stop, status)


def stop(status):
    global exit_status
    exit_status = status
    if reactor.running:
        reactor.stop()


class Echo(protocol.Protocol):
    def dataReceived(self, data):
        self.transport.write(data)

    def connectionLost(self, reason):
        report_loss(reason)


class PatternClient(protocol.Protocol):
    def __init__(self, length):
        self.length = length
        self.received = bytearray()

    def connectionMade(self):
        self.transport.write(pattern(self.length))

    def dataReceived(self, data):
        self.received += data
        if len(self.received) >= self.length:
            if bytes(self.received) != pattern(self.length):
                print("ERROR echo differs", flush=True)
            else:
                print("ECHOED", len(self.received), flush=True)
            self.transport.loseConnection()

    def connectionLost(self, reason):
        report_loss(reason)


class StartTLSClient(LineReceiver):
    def __init__(self, options):
        self.options = options

    def connectionMade(self):
        self.sendLine(b"STARTTLS")

    def lineReceived(self, line):
        if line == b"OK":
            self.transport.startTLS(self.options)
            self.sendLine(b"secret")
        else:
            print("GOT", line.decode(), "peer", self.transport.getPeerCertificate().get_subject().CN, flush=True)
            self.transport.loseConnection()

    def connectionLost(self, reason):
        report_loss(reason)


class StartTLSServer(LineReceiver):
    def __init__(self, options):
        self.options = options

    def lineReceived(self, line):
        if line == b"STARTTLS":
            self.sendLine(b"OK")
            self.transport.startTLS(self.options)
        else:
            self.sendLine(b"echo " + line)

    def connectionLost(self, reason):
        report_loss(reason)


def listen(factory, options=None):
    if options is None:
        port = reactor.listenTCP(0, factory, interface="127.0.0.1")
    else:
        port = reactor.listenSSL(0, factory, options, interface="127.0.0.1")
    print("PORT", port.getHost().port, flush=True)


exit_status = 1


def main(argv):
    mode = argv[1]
    if mode == "server":
        listen(protocol.Factory.forProtocol(Echo), server_options(argv[2], argv[3]))
    elif mode == "client":
        length = int(argv[5])
        f = protocol.ClientFactory.forProtocol(lambda: PatternClient(length))
        f.clientConnectionFailed = lambda c, r: report_loss(r, 1)
        reactor.connectSSL("127.0.0.1", int(argv[2]), f, client_options(argv[3], argv[4]))
    elif mode == "starttls-client":
        options = client_options(argv[3], argv[4])
        f = protocol.ClientFactory.forProtocol(lambda: StartTLSClient(options))
        f.clientConnectionFailed = lambda c, r: report_loss(r, 1)
        reactor.connectTCP("127.0.0.1", int(argv[2]), f)
    elif mode == "starttls-server":
        options = server_options(argv[2], argv[3])
        listen(protocol.Factory.forProtocol(lambda: StartTLSServer(options)))
    else:
        print("ERROR unknown mode", mode, flush=True)
        return 2
    reactor.callLater(60, stop, 1)
    reactor.run()
    return exit_status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
