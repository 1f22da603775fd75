#define _GNU_SOURCE
#include <pthread.h>
#include "CSystem.h"
#include <sys/epoll.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>

int csystem_accept(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }

void csystem_tune_malloc(int mmap_threshold, int trim_threshold) {
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, trim_threshold);
}

int csystem_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int csystem_epoll_watch(int epfd, int fd, int writable) {
    struct epoll_event ev;
    // Output readiness only when a thread waits to write: otherwise every acknowledgement
    // of sent data would raise an event nobody wants.
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET | (writable ? EPOLLOUT : 0);
    ev.data.fd = fd;
    // Modify first: a registration left from a closed file whose number was reused is
    // replaced instead of trusted.
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev) == 0) return 0;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

void csystem_epoll_forget(int epfd, int fd) {
    struct epoll_event ev;
    epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &ev);
}

int csystem_epoll_wait(int epfd, int *fds, uint32_t *events, int max, int timeout_ms) {
    struct epoll_event evs[256];
    if (max > 256) max = 256;
    int n = epoll_wait(epfd, evs, max, timeout_ms);
    for (int i = 0; i < n; i++) {
        uint32_t e = evs[i].events, out = 0;
        if (e & (EPOLLIN | EPOLLRDHUP)) out |= 1;
        if (e & EPOLLOUT) out |= 2;
        if (e & (EPOLLERR | EPOLLHUP)) out |= 4;
        if (e & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) out |= 8;
        fds[i] = evs[i].data.fd;
        events[i] = out;
    }
    return n;
}

int csystem_thread_stack(uintptr_t *low, size_t *size) {
    pthread_attr_t attr;
    void *addr = NULL;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return -1;
    int rc = pthread_attr_getstack(&attr, &addr, size);
    pthread_attr_destroy(&attr);
    *low = (uintptr_t)addr;
    return rc;
}

int csystem_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int csystem_pidfd_open(int pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int csystem_wait_status(int status, int *code) {
    if (WIFEXITED(status)) { *code = WEXITSTATUS(status); return 1; }
    *code = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return 0;
}

const char *csystem_strptime(const char *text, const char *format, struct tm *tm) {
    return strptime(text, format, tm);
}

static volatile sig_atomic_t csystem_signal_wake_fd = -1;
static volatile sig_atomic_t csystem_signal_pending[NSIG];

static void csystem_on_signal(int sig) {
    int saved = errno;
    if (sig > 0 && sig < NSIG) csystem_signal_pending[sig] = 1;
    if (csystem_signal_wake_fd >= 0) {
        char byte = (char)sig;
        (void)!write(csystem_signal_wake_fd, &byte, 1);  /* a full pipe already wakes */
    }
    errno = saved;
}

void csystem_signal_set_wake_fd(int wake_fd) { csystem_signal_wake_fd = wake_fd; }

static volatile sig_atomic_t csystem_interrupt_wake_fd = -1;

void csystem_interrupt_set_wake_fd(int wake_fd) { csystem_interrupt_wake_fd = wake_fd; }

void csystem_interrupt_wake(void) {
    int saved = errno;
    if (csystem_interrupt_wake_fd >= 0) {
        char byte = 1;
        (void)!write(csystem_interrupt_wake_fd, &byte, 1);  /* a full pipe already wakes */
    }
    errno = saved;
}

int csystem_signal_catch(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = csystem_on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

int csystem_signal_default(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

int csystem_signal_take(int sig) {
    if (sig <= 0 || sig >= NSIG || !csystem_signal_pending[sig]) return 0;
    csystem_signal_pending[sig] = 0;
    return 1;
}

int csystem_signal_mask(int sig, int how) {
    sigset_t set, old;
    sigemptyset(&set);
    if (sig <= 0 || sig >= NSIG || sigaddset(&set, sig) != 0) return -1;
    if (sigprocmask(how == 0 ? SIG_BLOCK : how == 1 ? SIG_UNBLOCK : SIG_BLOCK, how == 2 ? NULL : &set, &old) != 0) return -1;
    return sigismember(&old, sig);
}

size_t csystem_heap_in_use(void) {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

size_t csystem_heap_free(void) {
    return mallinfo2().fordblks;
}

/* The object pool and the byte-block pools (CSystem.h). One thread-exit destructor empties
   them all: the objects are released through the Swift runtime, which every program linking
   this target carries, and the blocks freed. */
extern void swift_release(void *object);

__thread void **csystem_pool_items;
__thread int csystem_pool_count;
__thread int csystem_pool_capacity;
__thread int csystem_pool_registered;
__thread void *csystem_bytes_items[2][CSYSTEM_BYTES_CAPACITY];
__thread int csystem_bytes_count[2];
__thread void *csystem_scratch_buffer;
static pthread_key_t pool_key;
static pthread_once_t pool_once = PTHREAD_ONCE_INIT;

static void pool_release_all(void *unused) {
    (void)unused;
    while (csystem_pool_count > 0) swift_release(csystem_pool_items[--csystem_pool_count]);
    free(csystem_pool_items);
    csystem_pool_items = NULL;
    csystem_pool_capacity = 0;
    for (int c = 0; c < 2; c++)
        while (csystem_bytes_count[c] > 0) free(csystem_bytes_items[c][--csystem_bytes_count[c]]);
    free(csystem_scratch_buffer);
    csystem_scratch_buffer = NULL;
}

static void pool_make_key(void) { pthread_key_create(&pool_key, pool_release_all); }

void csystem_pool_register_thread(void) {
    if (csystem_pool_registered) return;
    pthread_once(&pool_once, pool_make_key);
    /* Any non-NULL value: the destructor runs only for keys set in the exiting thread. */
    pthread_setspecific(pool_key, &csystem_pool_registered);
    csystem_pool_items = malloc(CSYSTEM_POOL_CAPACITY * sizeof(void *));
    csystem_pool_capacity = csystem_pool_items ? CSYSTEM_POOL_CAPACITY : 0;
    csystem_pool_registered = 1;
}

void *csystem_scratch_make(void) {
    if (!csystem_pool_registered) csystem_pool_register_thread();
    /* malloc's blocks are 16-byte aligned, as the readers want. */
    csystem_scratch_buffer = malloc(CSYSTEM_SCRATCH_SIZE);
    return csystem_scratch_buffer;
}

int csystem_format_double(char *buf, int size, double d, int integral, int precision) {
    return integral ? snprintf(buf, (size_t)size, "%.0f", d) : snprintf(buf, (size_t)size, "%.*g", precision, d);
}
