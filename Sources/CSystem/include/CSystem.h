// Declarations Swift's Glibc module does not export, behind plain C functions so that no
// packed struct (epoll_event) crosses into Swift.
#ifndef CSYSTEM_H
#define CSYSTEM_H

#include <malloc.h>
#include <stddef.h>
#include <stdint.h>

/// Writes `d` into `buf` as printf's "%.0f" (when `integral`) or "%.*g" with `precision`
/// significant digits; returns snprintf's count. (Swift reaches C's variadic printf only
/// through a heap-allocated argument list.)
int csystem_format_double(char *buf, int size, double d, int integral, int precision);

/// Keeps large blocks in the heap instead of a fresh mmap per allocation.
void csystem_tune_malloc(int mmap_threshold, int trim_threshold);

/// epoll_create1(EPOLL_CLOEXEC).
int csystem_epoll_create(void);
/// Registers `fd` or re-arms its registration (edge-triggered: readable and hang-up, plus
/// writable if `writable`). Returns 0 or -1 (errno set).
int csystem_epoll_watch(int epfd, int fd, int writable);
/// Removes `fd`; errors ignored.
void csystem_epoll_forget(int epfd, int fd);
/// Waits up to `timeout_ms` (-1: forever); fills `fds` and `events` (bit 0 readable,
/// bit 1 writable, bit 2 error/hang-up, bit 3 the peer will send nothing more); returns the
/// count or -1.
int csystem_epoll_wait(int epfd, int *fds, uint32_t *events, int max, int timeout_ms);

/// pipe2(fds, O_CLOEXEC).
int csystem_pipe_cloexec(int fds[2]);

/// accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC).
int csystem_accept(int fd);

/// The lowest address and the size of the calling thread's stack; 0 on success.
int csystem_thread_stack(uintptr_t *low, size_t *size);

/// pidfd_open(pid, 0): a descriptor that becomes readable when the process ends; -1 (errno
/// set) where the kernel has none (before Linux 5.3).
int csystem_pidfd_open(int pid);

/// Decodes a waitpid status: 1 and the exit code for a normal exit, 0 and the signal
/// number for a process a signal ended.
int csystem_wait_status(int status, int *code);

struct tm;
/// strptime(text, format, tm): Glibc's module does not export it. NULL if no match.
const char *csystem_strptime(const char *text, const char *format, struct tm *tm);

/// Signals caught for Scheme handlers: a C handler (async-signal-safe) marks the signal
/// pending and writes a byte to `wake_fd` (a non-blocking pipe the scheduler watches).
/// Sets the pipe's write end (-1: none yet).
void csystem_signal_set_wake_fd(int wake_fd);
/// Installs the catching handler for `sig` (SA_RESTART); 0, or -1 with errno set.
int csystem_signal_catch(int sig);

/// The user interrupt (SIGINT in csi-swift): `csystem_interrupt_wake` writes a byte to the
/// pipe set by `csystem_interrupt_set_wake_fd`, if any; async-signal-safe.
void csystem_interrupt_set_wake_fd(int wake_fd);
void csystem_interrupt_wake(void);
/// A per-thread pool of Swift objects kept for reuse (freed pairs, see PairPool.swift).
/// `push` stores a +1 reference and answers 0 when the pool is full; `pop` hands one back,
/// NULL when empty. What a thread leaves in its pool is released when the thread exits.
/// Inline, with the count in thread-local storage: one access costs a few instructions,
/// where the allocator's round trip it replaces costs hundreds. The slots (8,192: a list
/// program frees and rebuilds thousands of pairs at a time) are allocated on a thread's
/// first push, not in static TLS, which a library loaded with dlopen has little of.
#define CSYSTEM_POOL_CAPACITY 8192
extern __thread void **csystem_pool_items;
extern __thread int csystem_pool_count;
extern __thread int csystem_pool_capacity;
extern __thread int csystem_pool_registered;
/// Registers the thread-exit destructor and allocates the slots (none if malloc fails).
void csystem_pool_register_thread(void);

static inline int csystem_pool_push(void *object) {
    if (csystem_pool_count >= csystem_pool_capacity) {
        if (csystem_pool_registered) return 0;
        csystem_pool_register_thread();
        if (csystem_pool_count >= csystem_pool_capacity) return 0;
    }
    csystem_pool_items[csystem_pool_count++] = object;
    return 1;
}

static inline int csystem_pool_size(void) { return csystem_pool_count; }
static inline int csystem_pool_has_room(void) {
    if (!csystem_pool_registered) csystem_pool_register_thread();
    return csystem_pool_count < csystem_pool_capacity;
}

static inline void *csystem_pool_pop(void) {
    return csystem_pool_count > 0 ? csystem_pool_items[--csystem_pool_count] : (void *)0;
}

/// Per-thread pools of byte blocks of 64 and 128 bytes (short strings' memory, see
/// ByteMemory.swift), for the same reason: a line server makes and drops a string or two per
/// request. `pop` answers a block of class `c` (0: 64 bytes, 1: 128) or NULL; `push` keeps
/// one, answering 0 when the pool is full (the caller frees it). What a thread leaves is
/// freed when it exits, by the object pool's thread-exit destructor.
#define CSYSTEM_BYTES_CAPACITY 256
extern __thread void *csystem_bytes_items[2][CSYSTEM_BYTES_CAPACITY];
extern __thread int csystem_bytes_count[2];

static inline int csystem_bytes_push(int c, void *block) {
    if (csystem_bytes_count[c] >= CSYSTEM_BYTES_CAPACITY) return 0;
    if (!csystem_pool_registered) csystem_pool_register_thread();
    csystem_bytes_items[c][csystem_bytes_count[c]++] = block;
    return 1;
}

static inline void *csystem_bytes_pop(int c) {
    return csystem_bytes_count[c] > 0 ? csystem_bytes_items[c][--csystem_bytes_count[c]] : (void *)0;
}

/// A per-thread scratch buffer of `CSYSTEM_SCRATCH_SIZE` bytes that reads land in (see
/// ScratchBuffer.swift): made on the thread's first use, freed when it exits by the same
/// destructor. Inline from thread-local storage: a `pthread_getspecific` lookup cost a
/// server's read some 40 instructions. NULL if malloc fails.
#define CSYSTEM_SCRATCH_SIZE 65536
extern __thread void *csystem_scratch_buffer;
void *csystem_scratch_make(void);

static inline void *csystem_scratch(void) {
    void *p = csystem_scratch_buffer;
    return p ? p : csystem_scratch_make();
}

/// Restores the default action for `sig`; 0, or -1 with errno set.
int csystem_signal_default(int sig);
/// Whether `sig` was caught since the last call (and clears the mark).
int csystem_signal_take(int sig);
/// Blocks (how 0), unblocks (1) or, with how 2, only reports: whether `sig` is blocked
/// now (before the change); -1 on a bad signal number.
int csystem_signal_mask(int sig, int how);

/// Bytes of the malloc heap in use (glibc's mallinfo2: small chunks plus mmapped ones).
size_t csystem_heap_in_use(void);
/// Bytes free in the malloc heap (glibc's mallinfo2: free chunks), for `(gc)`.
size_t csystem_heap_free(void);

#endif
