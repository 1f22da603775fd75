extension TLSUnit {
    /// One `begin` form (read as one datum). The procedures that combine the tcp unit with a
    /// TLS session: a connection is made (or accepted) by the tcp unit, its ports abandoned
    /// and handed to the session, and the handshake run, parking only the calling thread.
    static let schemeDefinitions = #"""
    (begin
    (define (ssl-make-client-context #!optional (protocol 'tlsv12))
      (%ssl-context #f protocol))

    ;; The tcp ports stay open, abandoned: the session uses their socket and closes them.
    ;; What was written to the tcp port goes out first, before the handshake's bytes.
    (define (%ssl-session i o host ctx server?)
      (flush-output o)
      (tcp-abandon-port i) (tcp-abandon-port o)
      (let ((c (%ssl-start i o host ctx server?)))
        (%ssl-handshake c)
        (%ssl-ports c)))

    ;; The host part of "host:port" (what the certificate must name and SNI sends).
    (define (%ssl-host-only hostname)
      (let loop ((i (- (string-length hostname) 1)))
        (cond ((< i 0) hostname)
              ((char=? (string-ref hostname i) #\:) (substring hostname 0 i))
              ((char=? (string-ref hostname i) #\]) hostname)
              (else (loop (- i 1))))))

    (define (%ssl-client-context ctx)
      (cond ((not ctx) (ssl-make-client-context))
            ((symbol? ctx) (ssl-make-client-context ctx))
            (else ctx)))

    (define (ssl-connect hostname #!optional port ctx)
      (let ((ctx (%ssl-client-context ctx)))
        (receive (i o) (if port (tcp-connect hostname port) (tcp-connect hostname))
          (%ssl-session i o (if port hostname (%ssl-host-only hostname)) ctx #f))))

    (define (ssl-connect* #!key hostname port sni-name (protocol 'tlsv12) certificate private-key
                          certificate-authorities certificate-authority-directory (verify? #t) cipher-list)
      (let ((ctx (ssl-make-client-context protocol)))
        (when certificate (ssl-load-certificate-chain! ctx certificate))
        (when private-key (ssl-load-private-key! ctx private-key))
        (when (or certificate-authorities certificate-authority-directory)
          (ssl-load-verify-root-certificates! ctx certificate-authorities certificate-authority-directory))
        (ssl-set-verify! ctx verify?)
        (when cipher-list (%ssl-set-cipher-list! ctx cipher-list))
        (receive (i o) (if port (tcp-connect hostname port) (tcp-connect hostname))
          (%ssl-session i o
                        (or sni-name (if port hostname (%ssl-host-only hostname)))
                        ctx #f))))

    (define (ssl-listen port #!optional (backlog 4) host (protocol 'tlsv12))
      (%ssl-listener (tcp-listen port backlog host) (%ssl-context #t protocol)))

    (define (ssl-accept listener)
      (receive (i o) (tcp-accept (%ssl-listener-tcp listener))
        (%ssl-session i o #f listener #t)))

    ;; STARTTLS: (tcp-port->ssl-port in out [ctx [hostname]]) => TLS ports over the same
    ;; connection. A client context (the default) starts a client handshake naming hostname;
    ;; an ssl listener (or its context) starts a server handshake.
    (define (tcp-port->ssl-port in out #!optional ctx hostname)
      (%ssl-check-drained in)
      (let ((ctx (%ssl-client-context ctx)))
        (%ssl-session in out hostname ctx (%ssl-server-context? ctx))))

    (define (ssl-close listener) (tcp-close (%ssl-listener-tcp listener)))
    (define (ssl-listener-port listener) (tcp-listener-port (%ssl-listener-tcp listener)))
    (define (ssl-listener-fileno listener) (tcp-listener-fileno (%ssl-listener-tcp listener)))
    (define (ssl-accept-ready? listener) (tcp-accept-ready? (%ssl-listener-tcp listener))))
    """#
}
