#!/usr/bin/python3
"""A UDP echo server on real Twisted, for the interop test against Twine's udp-echo-client.

    udp_echo_server.py [--stop-after N]

Listens on an ephemeral port of 127.0.0.1, echoes every datagram to its sender and prints
'Twisted UDP echo server on IPv4Address(...)' once listening, then 'echoed MESSAGE' per datagram.
It stops after N datagrams (default 3) or after 60 seconds, whichever comes first, so a failed test
cannot leave it running.
"""

import sys

from twisted.internet import reactor
from twisted.internet.protocol import DatagramProtocol


class Echo(DatagramProtocol):
    def __init__(self, stop_after):
        self.left = stop_after

    def datagramReceived(self, data, addr):
        self.transport.write(data, addr)
        print("echoed %s" % data.decode("utf-8"), flush=True)
        self.left -= 1
        if self.left == 0:
            # Let the echo leave before the port closes.
            reactor.callLater(0.2, reactor.stop)


def main():
    stop_after = 3
    if len(sys.argv) == 3 and sys.argv[1] == "--stop-after":
        stop_after = int(sys.argv[2])
    port = reactor.listenUDP(0, Echo(stop_after), interface="127.0.0.1")
    print("Twisted UDP echo server on %r" % (port.getHost(),), flush=True)
    reactor.callLater(60, reactor.stop)
    reactor.run()


if __name__ == "__main__":
    main()
