// Declarations Swift's Glibc module does not export: malloc tuning now; epoll, timerfd,
// eventfd and accept4 for the scheduler and the tcp unit.
#ifndef CSYSTEM_H
#define CSYSTEM_H

#include <malloc.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

/// Keeps large blocks in the heap instead of a fresh mmap per allocation.
void csystem_tune_malloc(int mmap_threshold, int trim_threshold);

#endif
