// OpenSSL behind plain C functions: several of its calls are macros Swift cannot import
// (SSL_set_tlsext_host_name, SSL_CTX_set_min_proto_version), and its error handling wants
// one place. Pointers are opaque to Swift.
#ifndef CTLS_H
#define CTLS_H

#include <stddef.h>

/// Results of ctls_handshake, ctls_read and ctls_write besides a count: the call must be
/// repeated once the socket is readable / writable; or it failed (see ctls_error).
#define CTLS_WANT_READ (-2)
#define CTLS_WANT_WRITE (-3)
#define CTLS_FAILED (-1)

/// A context for clients (`server` 0) or servers: TLS 1.2 and 1.3 only. A client context
/// verifies its peer against the system's CA store. NULL on failure (see ctls_last_error).
void *ctls_context_new(int server);
void ctls_context_free(void *ctx);
/// Only TLS 1.3 from now on; 1 on success.
int ctls_context_require_tls13(void *ctx);
/// The TLS 1.2 cipher list (OpenSSL's syntax); 1 on success.
int ctls_context_set_ciphers(void *ctx, const char *list);
/// The CAs a server names when it asks for a client certificate; 1 on success.
int ctls_context_load_client_cas(void *ctx, const char *file);
/// Peer verification on (1) or off (0).
void ctls_context_set_verify(void *ctx, int verify);
/// 1 on success, 0 on failure (see ctls_last_error).
int ctls_context_load_chain(void *ctx, const char *path);
int ctls_context_load_key(void *ctx, const char *path);
int ctls_context_load_verify(void *ctx, const char *file, const char *directory);

/// A connection over the connected socket `fd`. A client names the host it expects
/// (checked against the certificate when verifying, and sent as SNI); `host` may be NULL.
void *ctls_new(void *ctx, int fd, const char *host, int server);
void ctls_free(void *ssl);
/// 1 when the handshake is done, else CTLS_WANT_READ/WRITE or CTLS_FAILED.
int ctls_handshake(void *ssl);
/// Bytes read (0 at the end of the stream), or CTLS_WANT_READ/WRITE or CTLS_FAILED.
long ctls_read(void *ssl, void *buffer, size_t size);
/// Bytes written, or CTLS_WANT_READ/WRITE or CTLS_FAILED.
long ctls_write(void *ssl, const void *buffer, size_t size);
/// Sends close_notify: 1 done, CTLS_WANT_READ/WRITE, or CTLS_FAILED.
int ctls_shutdown(void *ssl);

/// Why the last call on `ssl` failed (the verification result if that failed), written
/// into `out`; `ssl` may be NULL for a context's error.
void ctls_error(void *ssl, char *out, size_t size);
/// Whether the peer presented a certificate that verified.
int ctls_peer_verified(void *ssl);
/// The peer certificate's subject (issuer if `issuer`) in one line; 0 if none.
int ctls_peer_name(void *ssl, int issuer, char *out, size_t size);
/// The host name a client sent as SNI (server side), or NULL.
const char *ctls_server_name(void *ssl);

#endif
