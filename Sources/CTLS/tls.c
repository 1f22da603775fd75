#include "CTLS.h"
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

void *ctls_context_new(int server) {
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!ctx) return NULL;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (!server) {
        SSL_CTX_set_default_verify_paths(ctx);
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    }
    return ctx;
}

void ctls_context_free(void *ctx) { SSL_CTX_free(ctx); }

void ctls_context_set_verify(void *ctx, int verify) {
    /* A server that verifies asks for a client certificate and refuses a client without one. */
    int server = SSL_CTX_get_ssl_method(ctx) == TLS_server_method();
    SSL_CTX_set_verify(ctx, verify ? SSL_VERIFY_PEER | (server ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0) : SSL_VERIFY_NONE, NULL);
}

int ctls_context_load_chain(void *ctx, const char *path) {
    return SSL_CTX_use_certificate_chain_file(ctx, path) == 1;
}

int ctls_context_load_key(void *ctx, const char *path) {
    return SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) == 1 && SSL_CTX_check_private_key(ctx) == 1;
}

int ctls_context_load_verify(void *ctx, const char *file, const char *directory) {
    return SSL_CTX_load_verify_locations(ctx, file, directory) == 1;
}

void *ctls_new(void *ctx, int fd, const char *host, int server) {
    SSL *ssl = SSL_new(ctx);
    if (!ssl) return NULL;
    if (SSL_set_fd(ssl, fd) != 1) { SSL_free(ssl); return NULL; }
    if (server) {
        SSL_set_accept_state(ssl);
    } else {
        SSL_set_connect_state(ssl);
        if (host && *host) {
            unsigned char address[16];
            int literal = inet_pton(AF_INET, host, address) == 1 || inet_pton(AF_INET6, host, address) == 1;
            if (literal) {
                /* An address is checked against the certificate's IP names; SNI carries
                   host names only. */
                X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host);
            } else {
                SSL_set_tlsext_host_name(ssl, host);
                SSL_set1_host(ssl, host);
            }
        }
    }
    return ssl;
}

void ctls_free(void *ssl) { SSL_free(ssl); }

/* Maps an SSL_get_error result onto the CTLS codes. */
static long outcome(SSL *ssl, int r) {
    switch (SSL_get_error(ssl, r)) {
    case SSL_ERROR_WANT_READ: return CTLS_WANT_READ;
    case SSL_ERROR_WANT_WRITE: return CTLS_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN: return 0;
    default: return CTLS_FAILED;
    }
}

int ctls_handshake(void *ssl) {
    ERR_clear_error();
    int r = SSL_do_handshake(ssl);
    if (r == 1) return 1;
    long o = outcome(ssl, r);
    return o == 0 ? CTLS_FAILED : (int)o;
}

long ctls_read(void *ssl, void *buffer, size_t size) {
    ERR_clear_error();
    size_t n = 0;
    int r = SSL_read_ex(ssl, buffer, size, &n);
    if (r == 1) return (long)n;
    long o = outcome(ssl, r);
    /* A peer that closes the socket without close_notify: end of stream, as most TLS
       stacks read it (OpenSSL 3 reports it as an unexpected EOF). */
    if (o == CTLS_FAILED && ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) return 0;
    return o;
}

long ctls_write(void *ssl, const void *buffer, size_t size) {
    ERR_clear_error();
    size_t n = 0;
    int r = SSL_write_ex(ssl, buffer, size, &n);
    if (r == 1) return (long)n;
    long o = outcome(ssl, r);
    return o == 0 ? CTLS_FAILED : o;
}

int ctls_shutdown(void *ssl) {
    ERR_clear_error();
    int r = SSL_shutdown(ssl);
    if (r >= 0) return 1;
    long o = outcome(ssl, r);
    return o == 0 ? 1 : (int)o;
}

void ctls_error(void *ssl, char *out, size_t size) {
    if (size == 0) return;
    out[0] = 0;
    if (ssl) {
        long v = SSL_get_verify_result(ssl);
        if (v != X509_V_OK) {
            snprintf(out, size, "certificate verify failed: %s", X509_verify_cert_error_string(v));
            return;
        }
    }
    unsigned long e = ERR_get_error();
    if (e) {
        const char *reason = ERR_reason_error_string(e);
        snprintf(out, size, "%s", reason ? reason : "unknown error");
    } else {
        snprintf(out, size, "connection failed");
    }
    ERR_clear_error();
}

int ctls_peer_verified(void *ssl) {
    X509 *cert = SSL_get1_peer_certificate(ssl);
    if (!cert) return 0;
    X509_free(cert);
    return SSL_get_verify_result(ssl) == X509_V_OK;
}

int ctls_peer_name(void *ssl, int issuer, char *out, size_t size) {
    X509 *cert = SSL_get1_peer_certificate(ssl);
    if (!cert) return 0;
    X509_NAME_oneline(issuer ? X509_get_issuer_name(cert) : X509_get_subject_name(cert), out, (int)size);
    X509_free(cert);
    return 1;
}

const char *ctls_server_name(void *ssl) { return SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name); }
