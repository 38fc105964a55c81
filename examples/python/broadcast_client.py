#!/usr/bin/python3
"""The broadcast server's client on real Twisted (the tutorial's echo client).

    broadcast_client.py NAME [--host HOST] [--port PORT] [--delay SECONDS]

Prints each message it receives as 'got messages: TEXT' and, DELAY seconds (default 5) after each one,
schedules with callLater a 'hello, I'm NAME <date-time>' if it is still connected. Exits when the
connection ends ('Lost connection. Reason: ...') or cannot be made ('Connection failed. Reason: ...').
"""

import argparse
import datetime
import sys

from twisted.internet.protocol import ClientFactory, Protocol


class EchoClient(Protocol):
    def __init__(self, name, delay, clock):
        self.name = name
        self.delay = delay
        self.clock = clock

    def connectionMade(self):
        print("Connected to the server!", flush=True)

    def dataReceived(self, data):
        print("got messages:", data.decode("utf-8", "replace").rstrip(), flush=True)
        self.clock.callLater(self.delay, self.say_hello)

    def say_hello(self):
        if self.connected:
            hello = "hello, I'm %s %s" % (self.name, datetime.datetime.now())
            self.transport.write(hello.encode("utf-8"))

    def connectionLost(self, reason):
        print("Disconnected from the server!", flush=True)


class EchoClientFactory(ClientFactory):
    noisy = False

    def __init__(self, name, delay, reactor):
        self.name = name
        self.delay = delay
        self.reactor = reactor

    def buildProtocol(self, addr):
        proto = EchoClient(self.name, self.delay, self.reactor)
        proto.factory = self
        return proto

    def startedConnecting(self, connector):
        print("started to connect.", flush=True)

    def clientConnectionLost(self, connector, reason):
        print("Lost connection. Reason:", reason.getErrorMessage(), flush=True)
        self.stop()

    def clientConnectionFailed(self, connector, reason):
        print("Connection failed. Reason:", reason.getErrorMessage(), flush=True)
        self.stop()

    def stop(self):
        # During a signal-initiated shutdown the reactor is already stopping (running is False by the
        # time it disconnects everything), and a second stop() raises ReactorNotRunning.
        if self.reactor.running:
            self.reactor.stop()


def main(argv):
    parser = argparse.ArgumentParser(description="broadcast client (Twisted)")
    parser.add_argument("name")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8006)
    parser.add_argument("--delay", type=float, default=5.0)
    args = parser.parse_args(argv)
    from twisted.internet import reactor
    reactor.connectTCP(args.host, args.port, EchoClientFactory(args.name, args.delay, reactor))
    reactor.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
