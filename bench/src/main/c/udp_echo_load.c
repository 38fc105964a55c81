/*
 * udp-echo-load: a batching load generator for the UDP echo server (bench/side-by-side.sh --udp).
 *
 *   udp-echo-load --port P [--threads N] [--window W] [--size B] [--seconds S] [--batch K]
 *
 * The same contract as dev.twine.bench.sidebyside.UdpEchoLoad (same options, same output line
 * "datagrams=N seconds=T rate=R lost=L"), but cheap per datagram: each of N threads owns one UDP socket
 * connected to 127.0.0.1:P and keeps W datagrams of B bytes outstanding, reading echoes with recvmmsg(2)
 * (up to K per call, MSG_WAITFORONE: block for the first, take what else is queued) and replacing every
 * echo counted with sendmmsg(2), one call for the whole batch. The Java loader paid a system call and a
 * JNI crossing per datagram each way and was the bottleneck on a 2-CPU machine; this one is not, so the
 * server's CPU sets the rate (bench/README.md shows both loaders' busy shares).
 *
 * Loss: UDP may drop a datagram and nothing here resends it. When no echo arrives for LOSS_TIMEOUT_MS
 * (SO_RCVTIMEO) the thread writes its outstanding window off as lost and sends a fresh window under a new
 * generation number (the first 8 bytes of every datagram, native byte order), so an echo of a written-off
 * window is counted neither as an echo nor twice as lost. The first echo of each thread is checked byte for
 * byte against what was sent. Bounded: the run ends at S seconds (CLOCK_MONOTONIC) and blocks at most
 * LOSS_TIMEOUT_MS past it. Loopback only: the target address is 127.0.0.1.
 *
 * Built by side-by-side.sh with gcc into bench/target/ (never committed); the library itself needs no C
 * compiler.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* How long a thread waits for any echo before it writes its window off; as UdpEchoLoad.LOSS_TIMEOUT_MILLIS. */
#define LOSS_TIMEOUT_MS 200
#define MAX_BATCH 1024
#define MAX_SIZE 65507
/* UDP_MAX_SEGMENTS in the kernel's include/linux/udp.h: at most this many datagrams per GSO send. */
#define MAX_GSO_SEGMENTS 64

struct options {
    int port;
    int threads;
    int window;
    int size;
    double seconds;
    int batch;
    int gso;
};

struct worker {
    const struct options *opt;
    struct timespec deadline;
    pthread_t thread;
    long long echoed;
    long long lost;
    const char *failure; /* NULL while all is well; otherwise what failed (errno in failed_errno) */
    int failed_errno;
    int segments; /* datagrams per sendmmsg entry: above 1 when UDP GSO is in use */
};

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int before(const struct timespec *deadline) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec < deadline->tv_sec || (t.tv_sec == deadline->tv_sec && t.tv_nsec < deadline->tv_nsec);
}

/*
 * What a thread sends from: `wire` holds `segments` copies of the datagram back to back. Without GSO
 * `segments` is 1 and every sendmmsg entry is one datagram. With UDP GSO (UDP_SEGMENT, udp(7), Linux 4.18+)
 * one entry of k * size bytes leaves as k datagrams of `size` bytes, cut by the kernel: the receiving
 * server sees the same separate datagrams, while the loader pays for one trip down the stack per entry.
 */
struct sender {
    int fd;
    int size;
    int segments;
    unsigned char *wire;
    uint64_t stamped; /* the generation written into every copy in `wire` */
};

static void stamp(struct sender *s, uint64_t generation) {
    if (s->stamped != generation) {
        for (int i = 0; i < s->segments; i++) {
            memcpy(s->wire + (size_t) i * (size_t) s->size, &generation, sizeof generation);
        }
        s->stamped = generation;
    }
}

/* Sends n datagrams stamped with generation, in as few sendmmsg calls as the kernel allows. */
static int send_datagrams(struct sender *s, uint64_t generation, int n, struct mmsghdr *msgs, struct iovec *iovs) {
    stamp(s, generation);
    while (n > 0) {
        int entries = 0;
        int queued = 0;
        while (queued < n && entries < MAX_BATCH) {
            int k = n - queued < s->segments ? n - queued : s->segments;
            iovs[entries].iov_base = s->wire;
            iovs[entries].iov_len = (size_t) k * (size_t) s->size;
            memset(&msgs[entries], 0, sizeof msgs[entries]);
            msgs[entries].msg_hdr.msg_iov = &iovs[entries];
            msgs[entries].msg_hdr.msg_iovlen = 1;
            queued += k;
            entries++;
        }
        int sent = sendmmsg(s->fd, msgs, (unsigned) entries, 0);
        if (sent < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        /* Entries go whole or not at all; count the datagrams of those that went. */
        for (int i = 0; i < sent; i++) {
            n -= (int) (iovs[i].iov_len / (size_t) s->size);
        }
    }
    return 0;
}

static void *run(void *arg) {
    struct worker *w = arg;
    const struct options *o = w->opt;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        w->failure = "socket";
        w->failed_errno = errno;
        return NULL;
    }
    struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons((uint16_t) o->port)};
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval timeout = {.tv_sec = 0, .tv_usec = LOSS_TIMEOUT_MS * 1000};
    if (connect(fd, (struct sockaddr *) &server, sizeof server) < 0
        || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) < 0) {
        w->failure = "connect";
        w->failed_errno = errno;
        close(fd);
        return NULL;
    }
    int batch = o->batch;
    int segments = o->gso;
    if (segments > 1 && segments * o->size > MAX_SIZE) {
        segments = MAX_SIZE / o->size;
    }
    if (segments > 1 && setsockopt(fd, SOL_UDP, UDP_SEGMENT, &o->size, sizeof o->size) < 0) {
        segments = 1; /* a kernel without UDP GSO: one datagram per sendmmsg entry */
    }
    if (segments < 1) {
        segments = 1;
    }
    w->segments = segments;
    unsigned char *payload = malloc((size_t) o->size);
    struct sender out = {.fd = fd, .size = o->size, .segments = segments, .stamped = 0};
    out.wire = malloc((size_t) o->size * (size_t) segments);
    /* One byte more than a datagram, so an echo longer than what was sent shows up as a wrong length. */
    size_t slot = (size_t) o->size + 1;
    unsigned char *in = malloc(slot * (size_t) batch);
    struct mmsghdr *msgs = calloc(MAX_BATCH, sizeof *msgs);
    struct iovec *iovs = calloc(MAX_BATCH, sizeof *iovs);
    if (payload == NULL || out.wire == NULL || in == NULL || msgs == NULL || iovs == NULL) {
        w->failure = "malloc";
        w->failed_errno = ENOMEM;
        goto out;
    }
    for (int i = 0; i < o->size; i++) {
        payload[i] = (unsigned char) ('a' + i % 26);
    }
    memcpy(payload, &out.stamped, sizeof out.stamped);
    for (int i = 0; i < segments; i++) {
        memcpy(out.wire + (size_t) i * (size_t) o->size, payload, (size_t) o->size);
    }
    uint64_t generation = 0;
    int verified = 0;
    long long outstanding = o->window;
    if (send_datagrams(&out, generation, o->window, msgs, iovs) < 0) {
        w->failure = "sendmmsg";
        w->failed_errno = errno;
        goto out;
    }
    while (before(&w->deadline)) {
        for (int i = 0; i < batch; i++) {
            iovs[i].iov_base = in + (size_t) i * slot;
            iovs[i].iov_len = slot;
            memset(&msgs[i], 0, sizeof msgs[i]);
            msgs[i].msg_hdr.msg_iov = &iovs[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
        }
        /* MSG_WAITFORONE (recvmmsg(2)): block, within SO_RCVTIMEO, for the first datagram only. */
        int got = recvmmsg(fd, msgs, (unsigned) batch, MSG_WAITFORONE, NULL);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                w->lost += outstanding;
                generation++;
                outstanding = o->window;
                if (send_datagrams(&out, generation, o->window, msgs, iovs) < 0) {
                    w->failure = "sendmmsg";
                    w->failed_errno = errno;
                    goto out;
                }
                continue;
            }
            w->failure = "recvmmsg";
            w->failed_errno = errno;
            goto out;
        }
        int fresh = 0;
        for (int i = 0; i < got; i++) {
            const unsigned char *echo = in + (size_t) i * slot;
            uint64_t stamp;
            memcpy(&stamp, echo, sizeof stamp);
            if (msgs[i].msg_len != (unsigned) o->size || stamp != generation) {
                continue; /* an echo of a window already written off as lost */
            }
            if (!verified) {
                memcpy(payload, &generation, sizeof generation);
                if (memcmp(echo, payload, (size_t) o->size) != 0) {
                    w->failure = "the server's echo differs from the datagram sent";
                    w->failed_errno = 0;
                    goto out;
                }
                verified = 1;
            }
            fresh++;
        }
        w->echoed += fresh;
        outstanding -= fresh;
        if (fresh > 0) {
            if (send_datagrams(&out, generation, fresh, msgs, iovs) < 0) {
                w->failure = "sendmmsg";
                w->failed_errno = errno;
                goto out;
            }
            outstanding += fresh;
        }
    }
out:
    free(payload);
    free(out.wire);
    free(in);
    free(msgs);
    free(iovs);
    close(fd);
    return NULL;
}

static int usage(void) {
    fprintf(stderr, "usage: udp-echo-load --port P [--threads N>=1] [--window W>=1] [--size B>=8] [--seconds S>0]"
                    " [--batch K in 1..%d] [--gso G in 0..%d]\n", MAX_BATCH, MAX_GSO_SEGMENTS);
    return 2;
}

int main(int argc, char **argv) {
    struct options o = {.port = -1, .threads = 2, .window = 32, .size = 64, .seconds = 5, .batch = 64, .gso = 64};
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *name = argv[i], *value = argv[i + 1];
        if (strcmp(name, "--port") == 0) {
            o.port = atoi(value);
        } else if (strcmp(name, "--threads") == 0) {
            o.threads = atoi(value);
        } else if (strcmp(name, "--window") == 0) {
            o.window = atoi(value);
        } else if (strcmp(name, "--size") == 0) {
            o.size = atoi(value);
        } else if (strcmp(name, "--seconds") == 0) {
            o.seconds = atof(value);
        } else if (strcmp(name, "--batch") == 0) {
            o.batch = atoi(value);
        } else if (strcmp(name, "--gso") == 0) {
            o.gso = atoi(value);
        } else {
            fprintf(stderr, "unknown option %s\n", name);
            return usage();
        }
    }
    if (argc % 2 == 0 || o.port <= 0 || o.port > 65535 || o.threads < 1 || o.window < 1
        || o.size < (int) sizeof(uint64_t) || o.size > MAX_SIZE || !(o.seconds > 0)
        || o.batch < 1 || o.batch > MAX_BATCH || o.gso < 0 || o.gso > MAX_GSO_SEGMENTS) {
        return usage();
    }
    struct worker *workers = calloc((size_t) o.threads, sizeof *workers);
    if (workers == NULL) {
        perror("calloc");
        return 1;
    }
    double start = now_seconds();
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    long long end_ns = (long long) deadline.tv_nsec + (long long) (o.seconds * 1e9);
    deadline.tv_sec += (time_t) (end_ns / 1000000000LL);
    deadline.tv_nsec = (long) (end_ns % 1000000000LL);
    for (int t = 0; t < o.threads; t++) {
        workers[t].opt = &o;
        workers[t].deadline = deadline;
        int rc = pthread_create(&workers[t].thread, NULL, run, &workers[t]);
        if (rc != 0) {
            fprintf(stderr, "pthread_create: %s\n", strerror(rc));
            return 1;
        }
    }
    long long echoed = 0, lost = 0;
    int failed = 0;
    for (int t = 0; t < o.threads; t++) {
        pthread_join(workers[t].thread, NULL);
        if (workers[t].failure != NULL) {
            fprintf(stderr, "thread %d failed: %s%s%s\n", t, workers[t].failure,
                    workers[t].failed_errno ? ": " : "", workers[t].failed_errno ? strerror(workers[t].failed_errno) : "");
            failed = 1;
        }
        echoed += workers[t].echoed;
        lost += workers[t].lost;
    }
    if (failed) {
        return 1;
    }
    double elapsed = now_seconds() - start;
    printf("datagrams=%lld seconds=%.3f rate=%.1f lost=%lld gso=%d\n", echoed, elapsed, echoed / elapsed, lost,
           workers[0].segments);
    free(workers);
    return 0;
}
