/* unixbench.c -- Unix-domain socket echo, for bench/unix/run.sh.
 *   unixbench server PATH               C reference: epoll echo server, one thread
 *   unixbench echo PATH CONNS TOTAL     CONNS connections each sending a 64-byte line and
 *                                       waiting for it back, until TOTAL requests: req/s
 * Bounded by TOTAL and a 120 s alarm.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static struct sockaddr_un address(const char *path) {
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  strncpy(a.sun_path, path, sizeof a.sun_path - 1);
  return a;
}

static void server(const char *path) {
  struct sockaddr_un a = address(path);
  unlink(path);
  int l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 1024)) { perror("listen"); exit(1); }
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = l}, events[256];
  epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
  char buf[65536];
  for (;;) {
    int n = epoll_wait(ep, events, 256, -1);
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == l) {
        int c;
        while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          struct epoll_event ce = {.events = EPOLLIN, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
        }
        continue;
      }
      ssize_t r = read(fd, buf, sizeof buf);
      if (r <= 0) { if (r == 0 || errno != EAGAIN) close(fd); continue; }
      for (ssize_t off = 0; off < r;) {  /* small echoes always fit the socket buffer */
        ssize_t w = write(fd, buf + off, r - off);
        if (w < 0 && errno != EAGAIN) break;
        if (w > 0) off += w;
      }
    }
  }
}

static void echo(const char *path, int conns, long total) {
  struct sockaddr_un a = address(path);
  int *fds = calloc(conns, sizeof *fds);
  size_t *got = calloc(conns, sizeof *got);
  int ep = epoll_create1(0);
  for (int i = 0; i < conns; i++) {
    fds[i] = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(fds[i], (struct sockaddr *)&a, sizeof a)) { perror("connect"); exit(1); }
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
  }
  char line[64], buf[4096];
  memset(line, 'x', 63);
  line[63] = '\n';
  long sent = 0, done = 0;
  double start = now();
  for (int i = 0; i < conns && sent < total; i++, sent++) if (write(fds[i], line, 64) != 64) exit(1);
  struct epoll_event events[256];
  while (done < total) {
    int n = epoll_wait(ep, events, 256, 10000);
    if (n <= 0) { fprintf(stderr, "stalled at %ld\n", done); exit(1); }
    for (int k = 0; k < n; k++) {
      int i = events[k].data.u32;
      ssize_t r = read(fds[i], buf, sizeof buf);
      if (r <= 0) { fprintf(stderr, "read failed\n"); exit(1); }
      got[i] += r;
      while (got[i] >= 64) {
        got[i] -= 64;
        done++;
        if (sent < total) { if (write(fds[i], line, 64) != 64) exit(1); sent++; }
      }
    }
  }
  double secs = now() - start;
  printf("unix echo c=%d: %ld requests in %.3f s: %.0f req/s\n", conns, total, secs, total / secs);
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  if (argc >= 3 && !strcmp(argv[1], "server")) server(argv[2]);
  else if (argc >= 5 && !strcmp(argv[1], "echo")) { alarm(120); echo(argv[2], atoi(argv[3]), atol(argv[4])); }
  else { fprintf(stderr, "usage: unixbench server PATH | echo PATH CONNS TOTAL\n"); return 2; }
  return 0;
}
