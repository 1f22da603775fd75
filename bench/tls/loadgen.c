/* loadgen.c -- TLS load for bench/tls/run.sh, against a line echo server on 127.0.0.1.
 *   loadgen echo PORT CONNS TOTAL   CONNS connections, each sending a 64-byte line and waiting
 *                                   for it back, until TOTAL requests: prints req/s
 *   loadgen bulk PORT BYTES         one connection: BYTES of 1 KiB lines sent while the echo
 *                                   is read back: prints MB/s
 * Certificates are not verified (the benchmark measures the server). Bounded by TOTAL and
 * BYTES, and by a 120 s alarm.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

typedef struct { SSL *ssl; int fd, ready; size_t got; } conn;

static SSL *open_tls(SSL_CTX *ctx, int port, int *fdp) {
  int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (connect(fd, (struct sockaddr *)&a, sizeof a)) { perror("connect"); exit(1); }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  SSL *ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  if (SSL_connect(ssl) != 1) { fprintf(stderr, "handshake failed\n"); exit(1); }
  *fdp = fd;
  return ssl;
}

static void echo(SSL_CTX *ctx, int port, int conns, long total) {
  conn *c = calloc(conns, sizeof *c);
  int ep = epoll_create1(0);
  for (int i = 0; i < conns; i++) {  /* handshakes first, blocking: not part of the figure */
    c[i].ssl = open_tls(ctx, port, &c[i].fd);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
    epoll_ctl(ep, EPOLL_CTL_ADD, c[i].fd, &ev);
  }
  char line[64];
  memset(line, 'x', 63);
  line[63] = '\n';
  long sent = 0, done = 0;
  double start = now();
  for (int i = 0; i < conns && sent < total; i++, sent++) SSL_write(c[i].ssl, line, 64);
  struct epoll_event events[256];
  char buf[4096];
  while (done < total) {
    int n = epoll_wait(ep, events, 256, 10000);
    if (n <= 0) { fprintf(stderr, "stalled at %ld\n", done); exit(1); }
    for (int k = 0; k < n; k++) {
      conn *x = &c[events[k].data.u32];
      do {  /* what the socket and OpenSSL's buffer hold */
        int r = SSL_read(x->ssl, buf, sizeof buf);
        if (r <= 0) { fprintf(stderr, "read failed\n"); exit(1); }
        x->got += r;
      } while (SSL_pending(x->ssl) > 0);
      while (x->got >= 64) {
        x->got -= 64;
        done++;
        if (sent < total) { SSL_write(x->ssl, line, 64); sent++; }
      }
    }
  }
  double secs = now() - start;
  printf("echo c=%d: %ld requests in %.3f s: %.0f req/s\n", conns, total, secs, total / secs);
}

static void bulk(SSL_CTX *ctx, int port, long bytes) {
  int fd;
  SSL *ssl = open_tls(ctx, port, &fd);
  char out[1024], in[65536];
  memset(out, 'y', 1023);
  out[1023] = '\n';
  long sent = 0, got = 0;
  double start = now();
  /* Writes run ahead of reads by at most 256 KiB, so neither side's buffers fill up. */
  while (got < bytes) {
    while (sent < bytes && sent - got < 262144) { SSL_write(ssl, out, 1024); sent += 1024; }
    int r = SSL_read(ssl, in, sizeof in);
    if (r <= 0) { fprintf(stderr, "read failed\n"); exit(1); }
    got += r;
  }
  double secs = now() - start;
  printf("bulk: %ld bytes echoed in %.3f s: %.1f MB/s\n", bytes, secs, bytes / secs / 1e6);
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: loadgen echo PORT CONNS TOTAL | bulk PORT BYTES\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);
  alarm(120);
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
  if (!strcmp(argv[1], "echo") && argc >= 5) echo(ctx, atoi(argv[2]), atoi(argv[3]), atol(argv[4]));
  else if (!strcmp(argv[1], "bulk")) bulk(ctx, atoi(argv[2]), atol(argv[3]));
  else return 2;
  return 0;
}
