#!/usr/bin/python3
"""A UDP echo client on real Twisted, for the interop test against Twine's udp-echo-server.

    udp_echo_client.py PORT [MESSAGE ...]

Listens on an ephemeral port of 127.0.0.1, sends each MESSAGE (default: one 'hello') as one datagram to
127.0.0.1:PORT, prints 'echo MESSAGE from HOST:PORT' for each echo received, and exits with status 0 once
every message came back, or with status 1 after 20 seconds.
"""

import sys

from twisted.internet import reactor
from twisted.internet.protocol import DatagramProtocol


class EchoClient(DatagramProtocol):
    def __init__(self, port, messages):
        self.target = ("127.0.0.1", port)
        self.waiting = list(messages)

    def startProtocol(self):
        for message in self.waiting:
            self.transport.write(message.encode("utf-8"), self.target)

    def datagramReceived(self, data, addr):
        text = data.decode("utf-8")
        print("echo %s from %s:%d" % (text, addr[0], addr[1]), flush=True)
        if text in self.waiting:
            self.waiting.remove(text)
        if not self.waiting:
            reactor.stop()


def main():
    port = int(sys.argv[1])
    messages = sys.argv[2:] or ["hello"]
    client = EchoClient(port, messages)
    reactor.listenUDP(0, client, interface="127.0.0.1")
    timed_out = []
    reactor.callLater(20, lambda: (timed_out.append(True), reactor.stop()))
    reactor.run()
    sys.exit(1 if timed_out else 0)


if __name__ == "__main__":
    main()
