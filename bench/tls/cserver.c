/* cserver.c -- the C reference for bench/tls/run.sh: a TLS echo server on epoll with
 * non-blocking OpenSSL, one process, one thread. Every decrypted byte is written back.
 *   cserver PORT CERT KEY        (listens on 127.0.0.1:PORT)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAXFD 65536
static SSL *sessions[MAXFD];
static int handshaken[MAXFD];

static void drop(int ep, int fd) {
  epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
  if (sessions[fd]) SSL_free(sessions[fd]);
  sessions[fd] = NULL;
  close(fd);
}

/* Runs the session as far as it goes without blocking; 0 when it is over. */
static int step(int fd) {
  SSL *ssl = sessions[fd];
  if (!handshaken[fd]) {
    int r = SSL_accept(ssl);
    if (r != 1) {
      int e = SSL_get_error(ssl, r);
      return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
    }
    handshaken[fd] = 1;
  }
  char buf[65536];
  for (;;) {
    size_t n = 0;
    if (SSL_read_ex(ssl, buf, sizeof buf, &n) != 1) {
      int e = SSL_get_error(ssl, 0);
      return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
    }
    size_t off = 0;
    while (off < n) {  /* a simple server: waits for the socket while a write is partial */
      size_t w = 0;
      if (SSL_write_ex(ssl, buf + off, n - off, &w) == 1) { off += w; continue; }
      int e = SSL_get_error(ssl, 0);
      if (e != SSL_ERROR_WANT_WRITE && e != SSL_ERROR_WANT_READ) return 0;
      fd_set set; FD_ZERO(&set); FD_SET(fd, &set);
      select(fd + 1, e == SSL_ERROR_WANT_READ ? &set : NULL, e == SSL_ERROR_WANT_WRITE ? &set : NULL, NULL, NULL);
    }
  }
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: cserver PORT CERT KEY\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);  /* a client that hangs up must not end the server */
  SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (SSL_CTX_use_certificate_chain_file(ctx, argv[2]) != 1 || SSL_CTX_use_PrivateKey_file(ctx, argv[3], SSL_FILETYPE_PEM) != 1) {
    ERR_print_errors_fp(stderr);
    return 1;
  }
  int l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
  setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 1024)) { perror("listen"); return 1; }
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = l};
  epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
  printf("cserver listening on 127.0.0.1:%s\n", argv[1]);
  fflush(stdout);
  struct epoll_event events[256];
  for (;;) {
    int n = epoll_wait(ep, events, 256, -1);
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == l) {
        int c;
        while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          if (c >= MAXFD) { close(c); continue; }
          setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          sessions[c] = SSL_new(ctx);
          handshaken[c] = 0;
          SSL_set_fd(sessions[c], c);
          struct epoll_event ce = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
          if (!step(c)) drop(ep, c);
        }
      } else if (sessions[fd] && !step(fd)) {
        drop(ep, fd);
      }
    }
  }
}
