#!/usr/bin/python3
"""A slow poetry server on real Twisted: NUM_BYTES bytes every DELAY seconds with callLater, then close.

    slowpoetry.py [--iface HOST] [--port PORT] [--num-bytes N] [--delay SECONDS] FILE

Unlike the tutorial's blocking original it serves every client at once, as Twine's slowpoetry does.
Prints 'Serving FILE on IPv4Address(...), N bytes every S seconds.' once listening.
"""

import argparse
import sys

from twisted.internet.protocol import Protocol, ServerFactory


class SlowPoetryProtocol(Protocol):
    def __init__(self, poem, num_bytes, delay, clock):
        self.poem = poem
        self.num_bytes = num_bytes
        self.delay = delay
        self.clock = clock
        self.offset = 0
        self.pending = None

    def connectionMade(self):
        self.send_next()

    def send_next(self):
        self.pending = None
        chunk = self.poem[self.offset:self.offset + self.num_bytes]
        self.offset += len(chunk)
        if chunk:
            self.transport.write(chunk)
        if self.offset >= len(self.poem):
            self.transport.loseConnection()
        else:
            self.pending = self.clock.callLater(self.delay, self.send_next)

    def connectionLost(self, reason):
        if self.pending is not None and self.pending.active():
            self.pending.cancel()
        self.pending = None


class SlowPoetryFactory(ServerFactory):
    noisy = False

    def __init__(self, poem, num_bytes, delay, clock):
        self.poem = poem
        self.num_bytes = num_bytes
        self.delay = delay
        self.clock = clock

    def buildProtocol(self, addr):
        proto = SlowPoetryProtocol(self.poem, self.num_bytes, self.delay, self.clock)
        proto.factory = self
        return proto


def main(argv):
    parser = argparse.ArgumentParser(description="slow poetry server (Twisted)")
    parser.add_argument("--iface", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--num-bytes", type=int, default=10)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("file")
    args = parser.parse_args(argv)
    if args.num_bytes < 1 or args.delay < 0:
        parser.error("--num-bytes must be at least 1 and --delay not negative")
    with open(args.file, "rb") as f:
        poem = f.read()
    from twisted.internet import reactor
    port = reactor.listenTCP(args.port, SlowPoetryFactory(poem, args.num_bytes, args.delay, reactor),
                             interface=args.iface)
    print("Serving %s on %s, %d bytes every %s seconds." % (args.file, port.getHost(), args.num_bytes, args.delay),
          flush=True)
    reactor.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
