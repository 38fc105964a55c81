package dev.twine.backend.epoll;

import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLERR;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLHUP;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLIN;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLOUT;
import static dev.twine.nativeio.linux.LinuxEpoll.EPOLLRDHUP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twine.spi.Poller;
import org.junit.jupiter.api.Test;

/**
 * The epoll event bits a wait reports, as the ready bits the reactor dispatches (epoll_ctl(2), "events"):
 * each bit alone, every combination of the five, and bits the reactor never asks for left out.
 */
class EpollPollerTranslationTest {

    private static final int[][] PAIRS = {
        {EPOLLIN, Poller.READ},
        {EPOLLRDHUP, Poller.READ_HANGUP},
        {EPOLLOUT, Poller.WRITE},
        {EPOLLHUP, Poller.HANGUP},
        {EPOLLERR, Poller.ERROR},
    };

    @Test
    void everyCombinationOfReportedBitsBecomesTheSameCombinationOfReadyBits() {
        for (int mask = 0; mask < 1 << PAIRS.length; mask++) {
            int epoll = 0;
            int expected = 0;
            for (int i = 0; i < PAIRS.length; i++) {
                if ((mask & 1 << i) != 0) {
                    epoll |= PAIRS[i][0];
                    expected |= PAIRS[i][1];
                }
            }
            assertEquals(expected, EpollPoller.toReady(epoll), "epoll events 0x" + Integer.toHexString(epoll));
        }
    }

    @Test
    void bitsTheReactorNeverAsksForAreDropped() {
        int epollpri = 0x002;
        int epollrdnorm = 0x040;
        int epollwrnorm = 0x100;
        assertEquals(0, EpollPoller.toReady(epollpri | epollrdnorm | epollwrnorm));
        assertEquals(Poller.READ, EpollPoller.toReady(EPOLLIN | epollrdnorm));
    }

    @Test
    void interestBecomesTheEventsToAskFor() {
        assertEquals(EPOLLIN | EPOLLRDHUP, EpollPoller.toEpoll(Poller.READ));
        assertEquals(EPOLLOUT, EpollPoller.toEpoll(Poller.WRITE));
        assertEquals(EPOLLIN | EPOLLRDHUP | EPOLLOUT, EpollPoller.toEpoll(Poller.READ | Poller.WRITE));
        assertEquals(0, EpollPoller.toEpoll(0));
    }
}
