"""
Twisted's side of the UNIX datagram interoperability rows (reactor-tck, dev.twine.tck.unix,
semantics.md 8.9), with Debian's python3-twisted.

  unix_dgram_peer.py server PATH
      listenUNIXDatagram(PATH) and echo every datagram to its sender; prints "listening on PATH",
      then "echoed N bytes from ADDR" per datagram. Stops after 60 s at most.
  unix_dgram_peer.py client PATH BIND MESSAGE
      connectUNIXDatagram(PATH, bindAddress=BIND), write MESSAGE, print "received DATA" for the echo
      and exit 0; "refused" or "failed ..." exit 1. Gives up after 30 s.
"""
import sys

from twisted.internet import reactor
from twisted.internet.protocol import ConnectedDatagramProtocol, DatagramProtocol


class Echo(DatagramProtocol):
    def startProtocol(self):
        name = self.transport.getHost().name
        print("listening on", name.decode("utf-8") if isinstance(name, bytes) else name, flush=True)

    def datagramReceived(self, data, addr):
        self.transport.write(data, addr)
        print("echoed", len(data), "bytes from", addr, flush=True)


class Client(ConnectedDatagramProtocol):
    def __init__(self, message):
        self.message = message
        self.status = 1

    def startProtocol(self):
        self.transport.write(self.message)

    def datagramReceived(self, data):
        print("received", data.decode("utf-8"), flush=True)
        self.status = 0
        reactor.stop()

    def connectionRefused(self):
        print("refused", flush=True)
        reactor.stop()

    def connectionFailed(self, failure):
        print("failed", failure.getErrorMessage(), flush=True)
        reactor.stop()


def main(argv):
    if argv[1] == "server":
        reactor.listenUNIXDatagram(argv[2], Echo())
        reactor.callLater(60, reactor.stop)
        reactor.run()
        return 0
    if argv[1] == "client":
        client = Client(argv[4].encode("utf-8"))
        reactor.connectUNIXDatagram(argv[2], client, bindAddress=argv[3])
        reactor.callLater(30, reactor.stop)
        reactor.run()
        return client.status
    print("usage: unix_dgram_peer.py server PATH | client PATH BIND MESSAGE", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
