/*
 * kqshim.c -- an EMULATION of BSD kqueue(2)/kevent(2) on Linux epoll, for Twine's tests only.
 *
 * THIS IS NOT KQUEUE. It is the Twine project's own test double, written from the FreeBSD and
 * macOS kqueue(2) man pages, so that the Java kqueue backend can be run for real (through
 * jnr-ffi, with real sockets) on a Linux build machine. It is compiled by the test phase into
 * target/ in one of two ABIs and is never shipped:
 *
 *   -DKQSHIM_ABI_DARWIN   struct kevent of 32 bytes (xnu bsd/sys/event.h), EVFILT_USER = -10
 *   -DKQSHIM_ABI_FREEBSD  struct kevent of 64 bytes with uint64_t ext[4] (FreeBSD >= 12),
 *                         EVFILT_USER = -11
 *
 * It exports kqueue() and kevent() with the chosen ABI; close(), which releases a kqueue as
 * closing one does on BSD and passes every other descriptor to the kernel; and four kqshim_*
 * introspection calls used by the tests to check the Java layout tables against the C compiler.
 *
 * What is emulated, per the man page:
 *   - EVFILT_READ: data is the number of bytes readable (FIONREAD), or for a listening socket the
 *     number of connections waiting to be accepted; EV_EOF when the peer shut its write side.
 *   - EVFILT_WRITE: data is the free space in the send buffer; EV_EOF when the socket can no
 *     longer send (both directions shut, reset, failed connect).
 *   - EVFILT_USER with NOTE_TRIGGER and NOTE_FFNOP/FFAND/FFOR/FFCOPY.
 *   - EV_ADD (a second EV_ADD modifies the knote rather than adding another; every change that
 *     names an existing knote overwrites its udata, NOTE_TRIGGER ones included, and for user
 *     events its data and, through NOTE_FF*, its fflags), EV_DELETE, EV_ENABLE, EV_DISABLE,
 *     EV_ONESHOT, EV_CLEAR, EV_DISPATCH, EV_RECEIPT.
 *   - A change that fails, or carries EV_RECEIPT, is returned in the event list with flags
 *     EV_ERROR and data = errno while there is room; without room a failure makes kevent()
 *     return -1 with that errno and the remaining changes are not processed. When any such entry
 *     was returned, kevent() returns at once without waiting (FreeBSD kern_kevent_generic).
 *   - Changes are applied in order, before waiting; timeout NULL waits forever, a zero timespec
 *     polls, a positive one waits (rounded UP to epoll's millisecond resolution).
 *   - FreeBSD ABI: ext[2] and ext[3] are passed through unchanged; ext[0..1] come back 0.
 *
 * Design: each kqueue is an epoll set (its descriptor is the kqueue descriptor) holding two
 * nested epoll sets, one for READ interest and one for WRITE interest, plus an eventfd that is
 * readable while some enabled EVFILT_USER knote is triggered. Two inner sets give every
 * (descriptor, filter) pair its own epoll flags without dup(): EV_CLEAR becomes EPOLLET,
 * EV_ONESHOT and EV_DISPATCH become EPOLLONESHOT, EV_DISABLE removes the registration.
 *
 * Known differences from a real BSD kernel (all Linux-side facts):
 *   1. EV_EOF's fflags: BSD puts the socket's pending error (so_error) there without clearing
 *      it. Linux can only read that error by clearing it (getsockopt(SO_ERROR) exchanges
 *      sk_err with 0), which would steal it from the program's own finishConnect()/recv(). So
 *      when epoll reports EPOLLERR the shim sets fflags to EIO, meaning "an error is pending;
 *      read it with SO_ERROR", and leaves the real error in the socket.
 *   2. errno values (in EV_ERROR data and in errno) are Linux numbers; ENOENT, EBADF, EINTR,
 *      EINVAL and EIO happen to be the same on Linux, macOS and FreeBSD.
 *   3. WRITE's data is SO_SNDBUF - SIOCOUTQ; Linux reports SO_SNDBUF doubled, so the free space
 *      is an upper bound, not BSD's exact sbspace().
 *   4. EV_CLEAR is epoll's edge trigger: it fires again when new data arrives, as BSD does, but
 *      on Linux's notion of "new".
 *   5. Closing a descriptor without EV_DELETE: BSD drops its knotes at close(). epoll forgets
 *      the registration when the last reference to the file goes away; the shim's bookkeeping
 *      notices the stale knote (by device and inode) the next time a change names that number.
 *   6. A descriptor that was never connected reports EPOLLHUP on Linux, so READ or WRITE
 *      interest in it reports EV_EOF at once; BSD reports nothing for it.
 *   7. Regular files cannot be put in an epoll set (EPERM); BSD reports them always readable.
 *   8. A kqueue is released by this library's close(), which the Java binding calls (it binds
 *      close from the same library as kevent). A program that closes a kqueue with the C
 *      library's close() instead leaves its inner sets open until the kernel hands the number
 *      out again to kqueue(), which then releases them. Closing a kqueue while another thread
 *      is inside kevent() on it is not supported (BSD makes that thread's call fail; here it
 *      would use freed state).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define KQSHIM_API __attribute__((visibility("default")))

/* -- The two ABIs ------------------------------------------------------------------------ */

#if defined(KQSHIM_ABI_DARWIN) && !defined(KQSHIM_ABI_FREEBSD)
/* xnu bsd/sys/event.h declares struct kevent under #pragma pack(4). */
#pragma pack(push, 4)
struct kevent {
	uintptr_t ident;
	int16_t filter;
	uint16_t flags;
	uint32_t fflags;
	intptr_t data;
	void *udata;
};
#pragma pack(pop)
#define EVFILT_USER (-10)
#define KQSHIM_ABI_NAME "darwin"
#define KQSHIM_HAS_EXT 0
_Static_assert(sizeof(struct kevent) == 32, "macOS struct kevent is 32 bytes");
#elif defined(KQSHIM_ABI_FREEBSD) && !defined(KQSHIM_ABI_DARWIN)
/* FreeBSD >= 12 sys/sys/event.h: data became int64_t and ext[4] was appended. */
struct kevent {
	uintptr_t ident;
	int16_t filter;
	uint16_t flags;
	uint32_t fflags;
	int64_t data;
	void *udata;
	uint64_t ext[4];
};
#define EVFILT_USER (-11)
#define KQSHIM_ABI_NAME "freebsd"
#define KQSHIM_HAS_EXT 1
_Static_assert(sizeof(struct kevent) == 64, "FreeBSD 12 struct kevent is 64 bytes");
#else
#error "define exactly one of KQSHIM_ABI_DARWIN or KQSHIM_ABI_FREEBSD"
#endif

_Static_assert(offsetof(struct kevent, filter) == 8, "filter at 8");
_Static_assert(offsetof(struct kevent, flags) == 10, "flags at 10");
_Static_assert(offsetof(struct kevent, fflags) == 12, "fflags at 12");
_Static_assert(offsetof(struct kevent, data) == 16, "data at 16");
_Static_assert(offsetof(struct kevent, udata) == 24, "udata at 24");

/* Values shared by macOS and FreeBSD. */
#define EVFILT_READ (-1)
#define EVFILT_WRITE (-2)

#define EV_ADD 0x0001
#define EV_DELETE 0x0002
#define EV_ENABLE 0x0004
#define EV_DISABLE 0x0008
#define EV_ONESHOT 0x0010
#define EV_CLEAR 0x0020
#define EV_RECEIPT 0x0040
#define EV_DISPATCH 0x0080
#define EV_ERROR 0x4000
#define EV_EOF 0x8000

/* The flags a knote keeps and reports back, as BSD copies them from the registering change. */
#define KN_STICKY (EV_ADD | EV_ONESHOT | EV_CLEAR | EV_DISPATCH)

#define NOTE_FFNOP 0x00000000u
#define NOTE_FFAND 0x40000000u
#define NOTE_FFOR 0x80000000u
#define NOTE_FFCOPY 0xc0000000u
#define NOTE_FFCTRLMASK 0xc0000000u
#define NOTE_FFLAGSMASK 0x00ffffffu
#define NOTE_TRIGGER 0x01000000u

/* -- Bookkeeping ------------------------------------------------------------------------- */

/* Tags of the three members of a kqueue's outer epoll set. */
enum { TAG_READ_SET = 0, TAG_WRITE_SET = 1, TAG_USER = 2 };

struct knote {
	int registered;
	int enabled;
	int armed;            /* present in its inner epoll set */
	uint16_t flags;       /* KN_STICKY subset */
	uint32_t sfflags;     /* EVFILT_USER: the saved fflags */
	int64_t sdata;        /* EVFILT_USER: the saved data */
	int triggered;        /* EVFILT_USER */
	uintptr_t ident;
	void *udata;
	uint64_t ext2, ext3;  /* FreeBSD ext[2], ext[3]: passed through */
	dev_t dev;            /* identity of the file a descriptor knote was made for */
	ino_t ino;
	uint32_t gen;         /* matches the epoll_event data of its registration */
};

struct kq {
	int epfd;             /* the kqueue descriptor itself */
	int sets[2];          /* inner epoll sets: [0] READ interest, [1] WRITE interest */
	int userfd;           /* eventfd, readable while a user knote is pending */
	int user_signalled;
	unsigned scan_turn;   /* alternates which inner set is read first, for fairness */
	uint32_t next_gen;
	pthread_mutex_t lock;
	struct knote (*fds)[2];  /* by descriptor: [0] EVFILT_READ, [1] EVFILT_WRITE */
	int nfds;
	struct knote *users;
	int nusers, capusers;
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kq **table;
static int table_len;

/* The kernel's close(2): this library exports its own close(), which must not call itself. */
static int sys_close(int fd)
{
	return (int)syscall(SYS_close, fd);
}

static void kq_free(struct kq *kq)
{
	sys_close(kq->sets[0]);
	sys_close(kq->sets[1]);
	sys_close(kq->userfd);
	pthread_mutex_destroy(&kq->lock);
	free(kq->fds);
	free(kq->users);
	free(kq);
}

static struct kq *kq_lookup(int fd)
{
	struct kq *kq = NULL;

	pthread_mutex_lock(&table_lock);
	if (fd >= 0 && fd < table_len)
		kq = table[fd];
	pthread_mutex_unlock(&table_lock);
	return kq;
}

static int epoll_add_tagged(int epfd, int fd, uint32_t tag)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof ev);
	ev.events = EPOLLIN;
	ev.data.u32 = tag;
	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

KQSHIM_API int kqueue(void)
{
	struct kq *kq;
	int err;

	kq = calloc(1, sizeof *kq);
	if (kq == NULL) {
		errno = ENOMEM;
		return -1;
	}
	kq->epfd = epoll_create1(EPOLL_CLOEXEC);
	kq->sets[0] = epoll_create1(EPOLL_CLOEXEC);
	kq->sets[1] = epoll_create1(EPOLL_CLOEXEC);
	kq->userfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (kq->epfd < 0 || kq->sets[0] < 0 || kq->sets[1] < 0 || kq->userfd < 0
	    || epoll_add_tagged(kq->epfd, kq->sets[0], TAG_READ_SET) < 0
	    || epoll_add_tagged(kq->epfd, kq->sets[1], TAG_WRITE_SET) < 0
	    || epoll_add_tagged(kq->epfd, kq->userfd, TAG_USER) < 0) {
		err = errno;
		if (kq->epfd >= 0)
			sys_close(kq->epfd);
		if (kq->sets[0] >= 0)
			sys_close(kq->sets[0]);
		if (kq->sets[1] >= 0)
			sys_close(kq->sets[1]);
		if (kq->userfd >= 0)
			sys_close(kq->userfd);
		free(kq);
		errno = err;
		return -1;
	}
	pthread_mutex_init(&kq->lock, NULL);

	pthread_mutex_lock(&table_lock);
	if (kq->epfd >= table_len) {
		int len = kq->epfd + 16;
		struct kq **grown = realloc(table, (size_t)len * sizeof *table);

		if (grown == NULL) {
			pthread_mutex_unlock(&table_lock);
			sys_close(kq->epfd);
			kq_free(kq);
			errno = ENOMEM;
			return -1;
		}
		memset(grown + table_len, 0, (size_t)(len - table_len) * sizeof *grown);
		table = grown;
		table_len = len;
	}
	/*
	 * The kernel just handed out this number, so a kqueue that had it before was closed by the
	 * program (see difference 8 above): its inner sets are released now.
	 */
	if (table[kq->epfd] != NULL)
		kq_free(table[kq->epfd]);
	table[kq->epfd] = kq;
	pthread_mutex_unlock(&table_lock);
	return kq->epfd;
}

/*
 * close(2) for programs that use this library: a kqueue descriptor releases its inner sets, as
 * closing a kqueue releases it on BSD; every descriptor is then closed by the kernel. Other
 * libraries keep resolving close to the C library, which comes first in the global scope.
 */
KQSHIM_API int close(int fd)
{
	struct kq *kq = NULL;

	pthread_mutex_lock(&table_lock);
	if (fd >= 0 && fd < table_len) {
		kq = table[fd];
		table[fd] = NULL;
	}
	pthread_mutex_unlock(&table_lock);
	if (kq != NULL)
		kq_free(kq);
	return sys_close(fd);
}


/* -- Descriptor knotes (EVFILT_READ, EVFILT_WRITE) ---------------------------------------- */

static struct knote *fd_knote(struct kq *kq, int fd, int which, int grow)
{
	if (fd >= kq->nfds) {
		int len;
		struct knote (*grown)[2];

		if (!grow)
			return NULL;
		len = fd + 64;
		grown = realloc(kq->fds, (size_t)len * sizeof *grown);
		if (grown == NULL)
			return NULL;
		memset(grown + kq->nfds, 0, (size_t)(len - kq->nfds) * sizeof *grown);
		kq->fds = grown;
		kq->nfds = len;
	}
	return &kq->fds[fd][which];
}

/* Brings the knote's inner epoll registration in line with its state. Returns 0 or an errno. */
static int fd_knote_sync(struct kq *kq, int fd, int which, struct knote *kn)
{
	struct epoll_event ev;
	int op;

	if (!kn->registered || !kn->enabled) {
		if (kn->armed) {
			/* ENOENT/EBADF: the file went away, and with it the registration. */
			epoll_ctl(kq->sets[which], EPOLL_CTL_DEL, fd, NULL);
			kn->armed = 0;
		}
		return 0;
	}
	memset(&ev, 0, sizeof ev);
	ev.events = which == 0 ? (EPOLLIN | EPOLLRDHUP) : EPOLLOUT;
	if (kn->flags & EV_CLEAR)
		ev.events |= EPOLLET;
	if (kn->flags & (EV_ONESHOT | EV_DISPATCH))
		ev.events |= EPOLLONESHOT;
	ev.data.u64 = ((uint64_t)kn->gen << 32) | (uint32_t)fd;
	op = kn->armed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
	if (epoll_ctl(kq->sets[which], op, fd, &ev) < 0) {
		/*
		 * MOD finds nothing when the file was closed and the number reopened; ADD finds an
		 * entry when a dup of the old file keeps its registration alive. Try the other one.
		 */
		if (errno != ENOENT && errno != EEXIST)
			return errno;
		op = op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
		if (epoll_ctl(kq->sets[which], op, fd, &ev) < 0)
			return errno;
	}
	kn->armed = 1;
	return 0;
}

static void knote_copy_ext(struct knote *kn, const struct kevent *kev)
{
#if KQSHIM_HAS_EXT
	kn->ext2 = kev->ext[2];
	kn->ext3 = kev->ext[3];
#else
	(void)kn;
	(void)kev;
#endif
}

static int apply_fd_change(struct kq *kq, const struct kevent *kev)
{
	int which = kev->filter == EVFILT_READ ? 0 : 1;
	struct knote *kn;
	struct stat st;
	int fd, err;

	if (kev->ident > (uintptr_t)INT_MAX)
		return EBADF;
	fd = (int)kev->ident;
	/* BSD looks the descriptor up before anything else: a closed one is EBADF, even for EV_DELETE. */
	if (fstat(fd, &st) < 0)
		return EBADF;
	kn = fd_knote(kq, fd, which, kev->flags & EV_ADD);
	if (kn == NULL)
		return (kev->flags & EV_ADD) ? ENOMEM : ENOENT;
	if (kn->registered && (kn->dev != st.st_dev || kn->ino != st.st_ino)) {
		/*
		 * The file this knote was made for was closed without EV_DELETE (difference 5); epoll
		 * has already forgotten it, so the stale knote is simply dropped.
		 */
		memset(kn, 0, sizeof *kn);
	}
	if (kev->flags & EV_DELETE) {
		if (!kn->registered)
			return ENOENT;
		kn->registered = 0;
		fd_knote_sync(kq, fd, which, kn);
		memset(kn, 0, sizeof *kn);
		return 0;
	}
	if (!kn->registered) {
		if (!(kev->flags & EV_ADD))
			return ENOENT;
		memset(kn, 0, sizeof *kn);
		kn->registered = 1;
		kn->enabled = 1;
		kn->flags = kev->flags & KN_STICKY;
		kn->dev = st.st_dev;
		kn->ino = st.st_ino;
		kn->gen = ++kq->next_gen;
	} else if (kev->flags & EV_ADD) {
		kn->flags = kev->flags & KN_STICKY;
	}
	kn->ident = kev->ident;
	kn->udata = kev->udata;
	knote_copy_ext(kn, kev);
	if (kev->flags & EV_DISABLE)
		kn->enabled = 0;
	if (kev->flags & EV_ENABLE)
		kn->enabled = 1;
	err = fd_knote_sync(kq, fd, which, kn);
	if (err != 0)
		memset(kn, 0, sizeof *kn);
	return err;
}

/* -- User knotes (EVFILT_USER) ----------------------------------------------------------- */

/* Makes the eventfd readable exactly while some enabled user knote is triggered. */
static void user_sync(struct kq *kq)
{
	uint64_t value = 1;
	int pending = 0;
	int i;

	for (i = 0; i < kq->nusers; i++)
		if (kq->users[i].enabled && kq->users[i].triggered)
			pending = 1;
	if (pending && !kq->user_signalled) {
		if (write(kq->userfd, &value, sizeof value) == sizeof value)
			kq->user_signalled = 1;
	} else if (!pending && kq->user_signalled) {
		if (read(kq->userfd, &value, sizeof value) == sizeof value || errno == EAGAIN)
			kq->user_signalled = 0;
	}
}

static struct knote *user_find(struct kq *kq, uintptr_t ident)
{
	int i;

	for (i = 0; i < kq->nusers; i++)
		if (kq->users[i].ident == ident)
			return &kq->users[i];
	return NULL;
}

static void user_remove(struct kq *kq, struct knote *kn)
{
	int i = (int)(kn - kq->users);

	memmove(kn, kn + 1, (size_t)(kq->nusers - i - 1) * sizeof *kn);
	kq->nusers--;
}

static int apply_user_change(struct kq *kq, const struct kevent *kev)
{
	struct knote *kn = user_find(kq, kev->ident);
	uint32_t ffctrl, ff;

	if (kev->flags & EV_DELETE) {
		if (kn == NULL)
			return ENOENT;
		user_remove(kq, kn);
		return 0;
	}
	if (kn == NULL) {
		if (!(kev->flags & EV_ADD))
			return ENOENT;
		if (kq->nusers == kq->capusers) {
			int cap = kq->capusers ? kq->capusers * 2 : 4;
			struct knote *grown = realloc(kq->users, (size_t)cap * sizeof *grown);

			if (grown == NULL)
				return ENOMEM;
			kq->users = grown;
			kq->capusers = cap;
		}
		kn = &kq->users[kq->nusers++];
		memset(kn, 0, sizeof *kn);
		kn->registered = 1;
		kn->enabled = 1;
		kn->ident = kev->ident;
		kn->flags = kev->flags & KN_STICKY;
		/* A new user knote keeps its fflags and data and is triggered if NOTE_TRIGGER was given. */
		kn->sfflags = kev->fflags & NOTE_FFLAGSMASK;
		kn->sdata = kev->data;
		kn->triggered = (kev->fflags & NOTE_TRIGGER) != 0;
	} else {
		if (kev->flags & EV_ADD)
			kn->flags = kev->flags & KN_STICKY;
		/* A change to an existing user knote: trigger, combine fflags, replace data. */
		if (kev->fflags & NOTE_TRIGGER)
			kn->triggered = 1;
		ffctrl = kev->fflags & NOTE_FFCTRLMASK;
		ff = kev->fflags & NOTE_FFLAGSMASK;
		if (ffctrl == NOTE_FFAND)
			kn->sfflags &= ff;
		else if (ffctrl == NOTE_FFOR)
			kn->sfflags |= ff;
		else if (ffctrl == NOTE_FFCOPY)
			kn->sfflags = ff;
		kn->sdata = kev->data;
		/* EV_CLEAR on the change itself resets the trigger state (FreeBSD filt_usertouch). */
		if (kev->flags & EV_CLEAR)
			kn->triggered = 0;
	}
	/* Every change overwrites udata, NOTE_TRIGGER ones included. */
	kn->udata = kev->udata;
	knote_copy_ext(kn, kev);
	if (kev->flags & EV_DISABLE)
		kn->enabled = 0;
	if (kev->flags & EV_ENABLE)
		kn->enabled = 1;
	return 0;
}

static int apply_change(struct kq *kq, const struct kevent *kev)
{
	if (kev->filter == EVFILT_READ || kev->filter == EVFILT_WRITE)
		return apply_fd_change(kq, kev);
	if (kev->filter == EVFILT_USER)
		return apply_user_change(kq, kev);
	return EINVAL;
}

/* -- Reporting --------------------------------------------------------------------------- */

static void fill_event(struct kevent *out, const struct knote *kn, int16_t filter, uint16_t flags,
		       uint32_t fflags, int64_t data)
{
	memset(out, 0, sizeof *out);
	out->ident = kn->ident;
	out->filter = filter;
	out->flags = flags;
	out->fflags = fflags;
	out->data = data;
	out->udata = kn->udata;
#if KQSHIM_HAS_EXT
	out->ext[2] = kn->ext2;
	out->ext[3] = kn->ext3;
#endif
}

static int64_t readable_bytes(int fd)
{
	struct tcp_info info;
	socklen_t len = sizeof(int);
	int listening = 0, n = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening) {
		/* For a listening TCP socket Linux reports the accept queue length in tcpi_unacked. */
		len = sizeof info;
		memset(&info, 0, sizeof info);
		if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) == 0)
			return info.tcpi_unacked;
		return 1;
	}
	if (ioctl(fd, FIONREAD, &n) < 0)
		return 0;
	return n;
}

static int64_t writable_space(int fd)
{
	socklen_t len = sizeof(int);
	int sndbuf = 0, queued = 0, pipesz;

	if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &len) == 0) {
		if (ioctl(fd, TIOCOUTQ, &queued) < 0)
			queued = 0;
		return sndbuf > queued ? sndbuf - queued : 0;
	}
	pipesz = fcntl(fd, F_GETPIPE_SZ);
	if (pipesz > 0) {
		if (ioctl(fd, FIONREAD, &queued) < 0)
			queued = 0;
		return pipesz > queued ? pipesz - queued : 0;
	}
	return 0;
}

/* Reads up to max ready events from one inner set into out[]; returns how many were written. */
static int scan_fd_set(struct kq *kq, int which, struct kevent *out, int max)
{
	struct epoll_event evs[256];
	struct knote *kn;
	uint32_t gen, fflags;
	uint16_t flags;
	int64_t data;
	int n, i, fd, written = 0, eof;

	if (max > (int)(sizeof evs / sizeof evs[0]))
		max = (int)(sizeof evs / sizeof evs[0]);
	n = epoll_wait(kq->sets[which], evs, max, 0);
	for (i = 0; i < n; i++) {
		fd = (int)(uint32_t)evs[i].data.u64;
		gen = (uint32_t)(evs[i].data.u64 >> 32);
		kn = fd_knote(kq, fd, which, 0);
		if (kn == NULL || !kn->registered || !kn->enabled || kn->gen != gen)
			continue;
		flags = kn->flags;
		fflags = 0;
		if (which == 0) {
			eof = (evs[i].events & (EPOLLRDHUP | EPOLLHUP)) != 0;
			data = readable_bytes(fd);
		} else {
			eof = (evs[i].events & EPOLLHUP) != 0;
			data = writable_space(fd);
		}
		if (eof) {
			flags |= EV_EOF;
			if (evs[i].events & EPOLLERR)
				fflags = EIO; /* difference 1: the real error stays in the socket */
		}
		fill_event(&out[written++], kn, which == 0 ? EVFILT_READ : EVFILT_WRITE, flags, fflags,
			   data);
		if (kn->flags & EV_ONESHOT) {
			kn->registered = 0;
			fd_knote_sync(kq, fd, which, kn);
			memset(kn, 0, sizeof *kn);
		} else if (kn->flags & EV_DISPATCH) {
			kn->enabled = 0;
			fd_knote_sync(kq, fd, which, kn);
		}
	}
	return written;
}

static int scan_users(struct kq *kq, struct kevent *out, int max)
{
	struct knote *kn;
	int i = 0, written = 0;

	while (i < kq->nusers && written < max) {
		kn = &kq->users[i];
		if (!kn->enabled || !kn->triggered) {
			i++;
			continue;
		}
		fill_event(&out[written++], kn, EVFILT_USER, kn->flags, kn->sfflags, kn->sdata);
		if (kn->flags & EV_CLEAR)
			kn->triggered = 0;
		if (kn->flags & EV_ONESHOT) {
			user_remove(kq, kn);
			continue;
		}
		if (kn->flags & EV_DISPATCH)
			kn->enabled = 0;
		i++;
	}
	user_sync(kq);
	return written;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for and collects events; called and returns with kq->lock held. */
static int scan(struct kq *kq, struct kevent *out, int nevents, int64_t timeout_ms)
{
	struct epoll_event ready[3];
	int64_t deadline = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	int wait_ms, n, i, written, first, err;
	int set_ready[2], user_ready;

	for (;;) {
		if (timeout_ms < 0)
			wait_ms = -1;
		else if (timeout_ms == 0)
			wait_ms = 0;
		else {
			int64_t left = deadline - now_ms();
			wait_ms = left <= 0 ? 0 : (left > INT_MAX ? INT_MAX : (int)left);
		}
		pthread_mutex_unlock(&kq->lock);
		n = epoll_wait(kq->epfd, ready, 3, wait_ms);
		err = errno;
		pthread_mutex_lock(&kq->lock);
		if (n < 0) {
			/* A kqueue number that is no longer our epoll set: the program closed it. */
			errno = err == EINTR ? EINTR : EBADF;
			return -1;
		}
		set_ready[0] = set_ready[1] = user_ready = 0;
		for (i = 0; i < n; i++) {
			if (ready[i].data.u32 == TAG_USER)
				user_ready = 1;
			else
				set_ready[ready[i].data.u32] = 1;
		}
		written = 0;
		if (user_ready)
			written += scan_users(kq, out, nevents);
		first = (int)(kq->scan_turn++ & 1);
		if (written < nevents && set_ready[first])
			written += scan_fd_set(kq, first, out + written, nevents - written);
		if (written < nevents && set_ready[1 - first])
			written += scan_fd_set(kq, 1 - first, out + written, nevents - written);
		if (written > 0 || wait_ms == 0)
			return written;
		/* Woken by something that produced no event (a stale or raced knote): keep waiting. */
	}
}

/* -- kevent(2) --------------------------------------------------------------------------- */

KQSHIM_API int kevent(int kqfd, const struct kevent *changelist, int nchanges,
		      struct kevent *eventlist, int nevents, const struct timespec *timeout)
{
	struct kevent change;
	struct kq *kq;
	int64_t timeout_ms;
	int i, err, out = 0;

	if (nchanges < 0 || nevents < 0) {
		errno = EINVAL;
		return -1;
	}
	if (timeout == NULL) {
		timeout_ms = -1;
	} else {
		if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L) {
			errno = EINVAL;
			return -1;
		}
		/* epoll waits in milliseconds: round up, so that a wait never ends early. */
		timeout_ms = (int64_t)timeout->tv_sec * 1000 + (timeout->tv_nsec + 999999) / 1000000;
	}
	kq = kq_lookup(kqfd);
	if (kq == NULL) {
		errno = EBADF;
		return -1;
	}
	pthread_mutex_lock(&kq->lock);
	for (i = 0; i < nchanges; i++) {
		change = changelist[i];
#if KQSHIM_HAS_EXT
		/* FreeBSD skips change entries whose filter is 0. */
		if (change.filter == 0)
			continue;
#endif
		err = apply_change(kq, &change);
		if (err != 0 || (change.flags & EV_RECEIPT)) {
			if (out == nevents) {
				/* No room to report it: a failure ends the call here. */
				user_sync(kq);
				pthread_mutex_unlock(&kq->lock);
				if (err == 0)
					return out;
				errno = err;
				return -1;
			}
			change.flags = EV_ERROR;
			change.data = err;
			eventlist[out++] = change;
		}
	}
	user_sync(kq);
	/* Reported errors or receipts end the call without waiting, as in FreeBSD. */
	if (out > 0 || nevents == 0) {
		pthread_mutex_unlock(&kq->lock);
		return out;
	}
	out = scan(kq, eventlist, nevents, timeout_ms);
	err = errno;
	pthread_mutex_unlock(&kq->lock);
	errno = err;
	return out;
}

/* -- Introspection for Twine's tests ----------------------------------------------------- */

/** sizeof(struct kevent) in this build: the oracle for the Java layout table. */
KQSHIM_API int kqshim_kevent_size(void)
{
	return (int)sizeof(struct kevent);
}

/**
 * offsetof(struct kevent, field) in this build, fields numbered ident 0, filter 1, flags 2,
 * fflags 3, data 4, udata 5, ext 6; -1 for ext where the ABI has none or an unknown number.
 */
KQSHIM_API int kqshim_kevent_offset(int field)
{
	switch (field) {
	case 0:
		return (int)offsetof(struct kevent, ident);
	case 1:
		return (int)offsetof(struct kevent, filter);
	case 2:
		return (int)offsetof(struct kevent, flags);
	case 3:
		return (int)offsetof(struct kevent, fflags);
	case 4:
		return (int)offsetof(struct kevent, data);
	case 5:
		return (int)offsetof(struct kevent, udata);
#if KQSHIM_HAS_EXT
	case 6:
		return (int)offsetof(struct kevent, ext);
#endif
	default:
		return -1;
	}
}

/** EVFILT_USER in this build. */
KQSHIM_API int kqshim_evfilt_user(void)
{
	return EVFILT_USER;
}

/** "darwin" or "freebsd". */
KQSHIM_API const char *kqshim_abi(void)
{
	return KQSHIM_ABI_NAME;
}
