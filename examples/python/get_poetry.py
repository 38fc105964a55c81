#!/usr/bin/python3
"""A poetry client on real Twisted: Protocol + ClientFactory, every poem downloaded concurrently.

    get_poetry.py PORT|HOST:PORT ...

Prints what Twine's get-poetry prints, line for line, so the two can be compared directly:
'Task N: got X bytes of poetry from HOST:PORT' per chunk, 'Failed to connect to: ADDRESS' for a server
that cannot be reached, 'Task N: poem failed: REASON' for a connection that broke, then
'Task N: T bytes of poetry' per poem and 'Got N poems in H:MM:SS.ffffff', N being the number of
addresses, as the tutorial prints it. Exits with status 0.
"""

import datetime
import sys

from twisted.internet import error
from twisted.internet.protocol import ClientFactory, Protocol


def parse_address(text):
    """PORT (on 127.0.0.1), HOST:PORT or [IPV6]:PORT, as Twine's clients take them."""
    if text.startswith("["):
        host, _, port = text[1:].partition("]:")
    elif ":" in text:
        host, _, port = text.rpartition(":")
    else:
        host, port = "127.0.0.1", text
    return host, int(port)


def format_elapsed(delta):
    """str(timedelta), but always with microseconds, as Twine prints it."""
    micros = max(0, int(delta.total_seconds() * 1_000_000))
    seconds, micros = divmod(micros, 1_000_000)
    return "%d:%02d:%02d.%06d" % (seconds // 3600, seconds // 60 % 60, seconds % 60, micros)


class PoetryProtocol(Protocol):
    def __init__(self, task):
        self.task = task
        self.chunks = []

    def dataReceived(self, data):
        self.chunks.append(data)
        peer = self.transport.getPeer()
        print("Task %d: got %d bytes of poetry from %s:%d" % (self.task, len(data), peer.host, peer.port),
              flush=True)

    def connectionLost(self, reason):
        if reason.check(error.ConnectionDone):
            self.factory.report.poem(self.task, b"".join(self.chunks))
        else:
            self.factory.report.failed(self.task, reason.getErrorMessage())


class PoetryClientFactory(ClientFactory):
    protocol = PoetryProtocol
    noisy = False

    def __init__(self, task, report):
        self.task = task
        self.report = report

    def buildProtocol(self, address):
        proto = PoetryProtocol(self.task)
        proto.factory = self
        return proto

    def clientConnectionFailed(self, connector, reason):
        print("Failed to connect to:", connector.getDestination(), flush=True)
        self.report.end(self.task)


class Report:
    def __init__(self, tasks, reactor):
        self.poems = {}
        self.ended = set()
        self.tasks = tasks
        self.reactor = reactor

    def poem(self, task, poem):
        self.poems[task] = poem
        self.end(task)

    def failed(self, task, reason):
        print("Task %d: poem failed: %s" % (task, reason), flush=True)
        self.end(task)

    def end(self, task):
        self.ended.add(task)
        if len(self.ended) == self.tasks:
            self.reactor.stop()


def main(argv):
    addresses = [parse_address(a) for a in argv]
    if not addresses:
        print(__doc__, file=sys.stderr)
        return 2
    from twisted.internet import reactor
    start = datetime.datetime.now()
    report = Report(len(addresses), reactor)
    for task, (host, port) in enumerate(addresses, 1):
        reactor.connectTCP(host, port, PoetryClientFactory(task, report))
    reactor.run()
    for task in sorted(report.poems):
        print("Task %d: %d bytes of poetry" % (task, len(report.poems[task])))
    print("Got %d poems in %s" % (len(addresses), format_elapsed(datetime.datetime.now() - start)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
