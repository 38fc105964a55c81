package dev.twine.tck.tls;

import static dev.twine.tck.tls.TlsFixtures.LOOPBACK;
import static dev.twine.tck.tls.TlsFixtures.TIMEOUT;
import static dev.twine.tck.tls.TlsFixtures.clientOptions;
import static dev.twine.tck.tls.TlsFixtures.pattern;
import static dev.twine.tck.tls.TlsFixtures.portOf;
import static dev.twine.tck.tls.TlsFixtures.serverOptions;
import static dev.twine.tck.tls.TlsFixtures.stopAfter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twine.internet.ClientFactory;
import dev.twine.internet.IListeningPort;
import dev.twine.internet.IPushProducer;
import dev.twine.internet.IReactor;
import dev.twine.internet.ServerFactory;
import dev.twine.internet.tcp.Connection;
import dev.twine.tck.ReactorBuilder;
import dev.twine.tck.ReactorTest;
import dev.twine.tck.tcp.Countdown;
import dev.twine.tck.tcp.Events;

/**
 * Flow control through TLS (semantics.md §4.5): a streaming producer is paused once more than 64 KiB of
 * plaintext and records is buffered and resumed when all of it has gone, and a receiver that pauses its
 * transport gets every byte, in order, after it resumes, even the records already read off the socket.
 */
class TlsProducerTest {
    private static final int CHUNK = 16 * 1024;
    private static final int TOTAL = 2 * 1024 * 1024;

    @ReactorTest
    void aStreamingProducerIsPausedOnBufferedPlaintextAndAPausedReaderLosesNothing(ReactorBuilder builder) {
        IReactor reactor = builder.buildReactor();
        byte[] payload = pattern(TOTAL, 11);
        Events events = new Events();
        IListeningPort[] port = new IListeningPort[1];
        Countdown done = stopAfter(2, reactor, port);
        TlsFixtures.Bytes received = new TlsFixtures.Bytes();
        int[] pauses = {0};
        int[] resumes = {0};
        long[] mostBufferedAtPause = {0};
        port[0] = reactor.listenSSL(0, new ServerFactory(() -> new TlsFixtures.Recording(events, "server", done::tick) {
            int sent;
            boolean paused;

            @Override
            public void connectionMade() {
                transport.registerProducer(new IPushProducer() {
                    @Override
                    public void pauseProducing() {
                        paused = true;
                        pauses[0]++;
                        mostBufferedAtPause[0] = Math.max(mostBufferedAtPause[0], ((Connection) transport).bufferedBytes());
                    }

                    @Override
                    public void resumeProducing() {
                        paused = false;
                        resumes[0]++;
                        produce();
                    }

                    @Override
                    public void stopProducing() {
                    }
                }, true);
                produce();
            }

            void produce() {
                while (!paused && sent < TOTAL) {
                    transport.write(java.util.Arrays.copyOfRange(payload, sent, sent + CHUNK));
                    sent += CHUNK;
                }
                if (sent == TOTAL && !paused) {
                    transport.unregisterProducer();
                    transport.loseConnection();
                }
            }
        }), serverOptions(), 50, LOOPBACK);
        reactor.connectSSL(LOOPBACK, portOf(port[0]), new ClientFactory(() -> new TlsFixtures.Recording(events, "client",
                done::tick) {
            boolean pausedOnce;

            @Override
            public void connectionMade() {
            }

            @Override
            public void dataReceived(byte[] data) {
                received.add(data);
                if (!pausedOnce && received.size() > TOTAL / 2) {
                    // Pause mid-read: records already taken off the socket must wait, not be lost.
                    pausedOnce = true;
                    transport.pauseProducing();
                    reactor.callLater(0.2, transport::resumeProducing);
                }
            }
        }), clientOptions());
        builder.runReactor(reactor, TIMEOUT);

        assertArrayEquals(payload, received.toArray());
        assertEquals(1, events.count("client lost ConnectionDone"), events.toString());
        assertTrue(pauses[0] >= 1 && resumes[0] >= 1, "paused " + pauses[0] + ", resumed " + resumes[0]);
        assertTrue(mostBufferedAtPause[0] <= 64 * 1024 + CHUNK, "paused late, at " + mostBufferedAtPause[0] + " bytes");
    }
}
