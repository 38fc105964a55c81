#!/usr/bin/env python3
"""Twisted's side of the UNIX socket interop test (examples' UnixProcessTest).

  unix_poetry.py server PATH FILE   listenUNIX on PATH (with a lock file); each client gets FILE, then EOF
  unix_poetry.py client PATH        connectUNIX to PATH (checkPID) and print the length and SHA-256 of
                                    everything received before the server closed
"""
import hashlib
import sys

from twisted.internet import protocol, reactor


class Serve(protocol.Protocol):
    def connectionMade(self):
        self.transport.write(self.factory.poem)
        self.transport.loseConnection()


class Collect(protocol.Protocol):
    def connectionMade(self):
        self.received = []

    def dataReceived(self, data):
        self.received.append(data)

    def connectionLost(self, reason):
        data = b"".join(self.received)
        print("received %d bytes sha256 %s" % (len(data), hashlib.sha256(data).hexdigest()), flush=True)
        reactor.stop()


class CollectFactory(protocol.ClientFactory):
    protocol = Collect

    def clientConnectionFailed(self, connector, reason):
        print("failed: %s" % (reason.getErrorMessage(),), flush=True)
        reactor.stop()


def main(argv):
    if argv[1] == "server":
        factory = protocol.ServerFactory.forProtocol(Serve)
        with open(argv[3], "rb") as f:
            factory.poem = f.read()
        port = reactor.listenUNIX(argv[2], factory, wantPID=True)
        print("Serving on %s" % (port.getHost().name.decode() if isinstance(port.getHost().name, bytes)
                                 else port.getHost().name,), flush=True)
    else:
        reactor.connectUNIX(argv[2], CollectFactory(), checkPID=True)
    reactor.run()


if __name__ == "__main__":
    main(sys.argv)
