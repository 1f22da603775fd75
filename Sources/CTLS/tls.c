#include "CTLS.h"
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* libssl is loaded on first use (dlopen), not when csi-swift starts: linking it costs every
   script millions of instructions of relocations, and most scripts never use TLS. Each
   OpenSSL function used below is called through a pointer of its own type. */
#include <dlfcn.h>

static __typeof__(TLS_server_method) *p_TLS_server_method;
static __typeof__(TLS_client_method) *p_TLS_client_method;
static __typeof__(SSL_CTX_new) *p_SSL_CTX_new;
static __typeof__(SSL_CTX_ctrl) *p_SSL_CTX_ctrl;
static __typeof__(SSL_CTX_set_default_verify_paths) *p_SSL_CTX_set_default_verify_paths;
static __typeof__(SSL_CTX_set_verify) *p_SSL_CTX_set_verify;
static __typeof__(SSL_CTX_free) *p_SSL_CTX_free;
static __typeof__(SSL_CTX_get_ssl_method) *p_SSL_CTX_get_ssl_method;
static __typeof__(SSL_CTX_use_certificate_chain_file) *p_SSL_CTX_use_certificate_chain_file;
static __typeof__(SSL_CTX_use_PrivateKey_file) *p_SSL_CTX_use_PrivateKey_file;
static __typeof__(SSL_CTX_check_private_key) *p_SSL_CTX_check_private_key;
static __typeof__(SSL_CTX_load_verify_locations) *p_SSL_CTX_load_verify_locations;
static __typeof__(SSL_new) *p_SSL_new;
static __typeof__(SSL_set_fd) *p_SSL_set_fd;
static __typeof__(SSL_free) *p_SSL_free;
static __typeof__(SSL_set_accept_state) *p_SSL_set_accept_state;
static __typeof__(SSL_set_connect_state) *p_SSL_set_connect_state;
static __typeof__(SSL_ctrl) *p_SSL_ctrl;
static __typeof__(SSL_set1_host) *p_SSL_set1_host;
static __typeof__(SSL_get0_param) *p_SSL_get0_param;
static __typeof__(SSL_get_verify_mode) *p_SSL_get_verify_mode;
static __typeof__(SSL_get_error) *p_SSL_get_error;
static __typeof__(SSL_do_handshake) *p_SSL_do_handshake;
static __typeof__(SSL_read_ex) *p_SSL_read_ex;
static __typeof__(SSL_write_ex) *p_SSL_write_ex;
static __typeof__(SSL_shutdown) *p_SSL_shutdown;
static __typeof__(SSL_get_verify_result) *p_SSL_get_verify_result;
static __typeof__(SSL_get1_peer_certificate) *p_SSL_get1_peer_certificate;
static __typeof__(SSL_get_servername) *p_SSL_get_servername;
static __typeof__(SSL_CTX_set_cipher_list) *p_SSL_CTX_set_cipher_list;
static __typeof__(SSL_load_client_CA_file) *p_SSL_load_client_CA_file;
static __typeof__(SSL_CTX_set_client_CA_list) *p_SSL_CTX_set_client_CA_list;
static __typeof__(X509_VERIFY_PARAM_set1_ip_asc) *p_X509_VERIFY_PARAM_set1_ip_asc;
static __typeof__(X509_verify_cert_error_string) *p_X509_verify_cert_error_string;
static __typeof__(ERR_get_error) *p_ERR_get_error;
static __typeof__(ERR_peek_error) *p_ERR_peek_error;
static __typeof__(ERR_reason_error_string) *p_ERR_reason_error_string;
static __typeof__(ERR_clear_error) *p_ERR_clear_error;
static __typeof__(X509_free) *p_X509_free;
static __typeof__(X509_NAME_oneline) *p_X509_NAME_oneline;
static __typeof__(X509_get_subject_name) *p_X509_get_subject_name;
static __typeof__(X509_get_issuer_name) *p_X509_get_issuer_name;

static const char *ctls_load_failure;

/* Loads libssl and libcrypto and looks up every function; 1 on success. */
static int ctls_load(void) {
    static int state = 0;  /* 0 not tried, 1 loaded, -1 failed */
    if (state) return state == 1;
    state = -1;
    void *ssl = dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL);
    void *crypto = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!ssl || !crypto) { ctls_load_failure = "cannot load libssl.so.3 (install libssl3)"; return 0; }
#define LOOK(lib, f) if (!(p_##f = (__typeof__(p_##f))dlsym(lib, #f))) { ctls_load_failure = "libssl lacks " #f; return 0; }
    LOOK(ssl, TLS_server_method)
    LOOK(ssl, TLS_client_method)
    LOOK(ssl, SSL_CTX_new)
    LOOK(ssl, SSL_CTX_ctrl)
    LOOK(ssl, SSL_CTX_set_default_verify_paths)
    LOOK(ssl, SSL_CTX_set_verify)
    LOOK(ssl, SSL_CTX_free)
    LOOK(ssl, SSL_CTX_get_ssl_method)
    LOOK(ssl, SSL_CTX_use_certificate_chain_file)
    LOOK(ssl, SSL_CTX_use_PrivateKey_file)
    LOOK(ssl, SSL_CTX_check_private_key)
    LOOK(ssl, SSL_CTX_load_verify_locations)
    LOOK(ssl, SSL_new)
    LOOK(ssl, SSL_set_fd)
    LOOK(ssl, SSL_free)
    LOOK(ssl, SSL_set_accept_state)
    LOOK(ssl, SSL_set_connect_state)
    LOOK(ssl, SSL_ctrl)
    LOOK(ssl, SSL_set1_host)
    LOOK(ssl, SSL_get0_param)
    LOOK(ssl, SSL_get_verify_mode)
    LOOK(ssl, SSL_get_error)
    LOOK(ssl, SSL_do_handshake)
    LOOK(ssl, SSL_read_ex)
    LOOK(ssl, SSL_write_ex)
    LOOK(ssl, SSL_shutdown)
    LOOK(ssl, SSL_get_verify_result)
    LOOK(ssl, SSL_get1_peer_certificate)
    LOOK(ssl, SSL_get_servername)
    LOOK(ssl, SSL_CTX_set_cipher_list)
    LOOK(ssl, SSL_load_client_CA_file)
    LOOK(ssl, SSL_CTX_set_client_CA_list)
    LOOK(crypto, X509_VERIFY_PARAM_set1_ip_asc)
    LOOK(crypto, X509_verify_cert_error_string)
    LOOK(crypto, ERR_get_error)
    LOOK(crypto, ERR_peek_error)
    LOOK(crypto, ERR_reason_error_string)
    LOOK(crypto, ERR_clear_error)
    LOOK(crypto, X509_free)
    LOOK(crypto, X509_NAME_oneline)
    LOOK(crypto, X509_get_subject_name)
    LOOK(crypto, X509_get_issuer_name)
#undef LOOK
    state = 1;
    return 1;
}

#define TLS_server_method (*p_TLS_server_method)
#define TLS_client_method (*p_TLS_client_method)
#define SSL_CTX_new (*p_SSL_CTX_new)
#define SSL_CTX_ctrl (*p_SSL_CTX_ctrl)
#define SSL_CTX_set_default_verify_paths (*p_SSL_CTX_set_default_verify_paths)
#define SSL_CTX_set_verify (*p_SSL_CTX_set_verify)
#define SSL_CTX_free (*p_SSL_CTX_free)
#define SSL_CTX_get_ssl_method (*p_SSL_CTX_get_ssl_method)
#define SSL_CTX_use_certificate_chain_file (*p_SSL_CTX_use_certificate_chain_file)
#define SSL_CTX_use_PrivateKey_file (*p_SSL_CTX_use_PrivateKey_file)
#define SSL_CTX_check_private_key (*p_SSL_CTX_check_private_key)
#define SSL_CTX_load_verify_locations (*p_SSL_CTX_load_verify_locations)
#define SSL_new (*p_SSL_new)
#define SSL_set_fd (*p_SSL_set_fd)
#define SSL_free (*p_SSL_free)
#define SSL_set_accept_state (*p_SSL_set_accept_state)
#define SSL_set_connect_state (*p_SSL_set_connect_state)
#define SSL_ctrl (*p_SSL_ctrl)
#define SSL_set1_host (*p_SSL_set1_host)
#define SSL_get0_param (*p_SSL_get0_param)
#define SSL_get_verify_mode (*p_SSL_get_verify_mode)
#define SSL_get_error (*p_SSL_get_error)
#define SSL_do_handshake (*p_SSL_do_handshake)
#define SSL_read_ex (*p_SSL_read_ex)
#define SSL_write_ex (*p_SSL_write_ex)
#define SSL_shutdown (*p_SSL_shutdown)
#define SSL_get_verify_result (*p_SSL_get_verify_result)
#define SSL_get1_peer_certificate (*p_SSL_get1_peer_certificate)
#define SSL_get_servername (*p_SSL_get_servername)
#define SSL_CTX_set_cipher_list (*p_SSL_CTX_set_cipher_list)
#define SSL_load_client_CA_file (*p_SSL_load_client_CA_file)
#define SSL_CTX_set_client_CA_list (*p_SSL_CTX_set_client_CA_list)
#define X509_VERIFY_PARAM_set1_ip_asc (*p_X509_VERIFY_PARAM_set1_ip_asc)
#define X509_verify_cert_error_string (*p_X509_verify_cert_error_string)
#define ERR_get_error (*p_ERR_get_error)
#define ERR_peek_error (*p_ERR_peek_error)
#define ERR_reason_error_string (*p_ERR_reason_error_string)
#define ERR_clear_error (*p_ERR_clear_error)
#define X509_free (*p_X509_free)
#define X509_NAME_oneline (*p_X509_NAME_oneline)
#define X509_get_subject_name (*p_X509_get_subject_name)
#define X509_get_issuer_name (*p_X509_get_issuer_name)

void *ctls_context_new(int server) {
    if (!ctls_load()) return NULL;
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

int ctls_context_require_tls13(void *ctx) { return SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1; }

int ctls_context_set_ciphers(void *ctx, const char *list) { return SSL_CTX_set_cipher_list(ctx, list) == 1; }

int ctls_context_load_client_cas(void *ctx, const char *file) {
    STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(file);
    if (!names) return 0;
    SSL_CTX_set_client_CA_list(ctx, names);
    return 1;
}

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
    if (!ctls_load()) {
        snprintf(out, size, "%s", ctls_load_failure);
        return;
    }
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
