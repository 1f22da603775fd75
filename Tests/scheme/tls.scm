;;; TLS on loopback, with certificates made for the run by make-certs.sh in `tls-dir`
;;; (defined by the runner). Every wait is bounded by the tcp and ssl timeouts below.

(tcp-read-timeout 5000)
(tcp-write-timeout 5000)
(tcp-accept-timeout 5000)
(ssl-handshake-timeout 5000)

(define (file name) (string-append tls-dir "/" name))
(define (message e) ((condition-property-accessor 'exn 'message) e))
(define (openssl-error? e) ((condition-predicate 'openssl) e))
(define (spawn thunk) (thread-start! (make-thread thunk)))
(define (contains? s part) (and (string? s) (substring-index part s) #t))

(define (listener cert key)
  (let ((l (ssl-listen 0 16 "127.0.0.1")))
    (ssl-load-certificate-chain! l (file cert))
    (ssl-load-private-key! l (file key))
    l))
(define good (listener "server.pem" "server.key"))
(define expired (listener "expired.pem" "server.key"))
(define self-signed (listener "selfsigned.pem" "selfsigned.key"))
(define untrusted (listener "untrusted.pem" "untrusted.key"))

;; One echo exchange on the server side; its value is the line, or the error's message.
(define (serve-once l)
  (spawn (lambda ()
           (handle-exceptions e (list 'server-error (message e))
             (receive (i o) (ssl-accept l)
               (let ((line (read-line i)))
                 (write-line line o)
                 (let ((sni (%ssl-server-name i)) (verified (ssl-peer-verified? i))
                       (subject (ssl-peer-subject-name i)))
                   (close-input-port i) (close-output-port o)
                   (list line sni verified subject))))))))

;; A client exchange through `connect` (a thunk returning two ports): the echoed line, or
;; (error openssl? message).
(define (exchange connect)
  (handle-exceptions e (list 'error (openssl-error? e) (message e))
    (receive (i o) (connect)
      (write-line "ping" o)
      (let ((line (read-line i)))
        (close-input-port i) (close-output-port o)
        line))))

(define (trusting-context)
  (let ((ctx (ssl-make-client-context)))
    (ssl-load-verify-root-certificates! ctx (file "ca.pem"))
    ctx))

(define (client-run l connect)
  (let* ((server (serve-once l)) (r (exchange connect)))
    (list r (thread-join! server))))

;;; Verification
(test "a verified handshake with the test CA" '("ping" ("ping" "localhost" #f #f))
      (client-run good (lambda () (ssl-connect "localhost" (ssl-listener-port good) (trusting-context)))))
(test "the peer is verified and named" '(#t #t "/CN=localhost" "/CN=csi-swift test CA")
      (let ((server (serve-once good)))
        (receive (i o) (ssl-connect "localhost" (ssl-listener-port good) (trusting-context))
          (let ((r (list (ssl-port? i) (ssl-peer-verified? i) (ssl-peer-subject-name i) (ssl-peer-issuer-name i))))
            (write-line "x" o) (read-line i) (close-input-port i) (close-output-port o) (thread-join! server)
            r))))
(test "an address is checked against the certificate's IP names" "ping"
      (car (client-run good (lambda () (ssl-connect "127.0.0.1" (ssl-listener-port good) (trusting-context))))))
(define (rejected l connect)
  (let ((r (car (client-run l connect))))
    (and (pair? r) (eq? (car r) 'error) (cadr r) (caddr r))))
(test "the system store does not trust the test CA" #t
      (contains? (rejected good (lambda () (ssl-connect "localhost" (ssl-listener-port good)))) "unable to get local issuer certificate"))
(test "an expired certificate is rejected" #t
      (contains? (rejected expired (lambda () (ssl-connect "localhost" (ssl-listener-port expired) (trusting-context))))
                 "certificate has expired"))
(test "a wrong host name is rejected" #t
      (contains? (rejected good (lambda () (ssl-connect* hostname: "127.0.0.1" port: (ssl-listener-port good) sni-name: "wrong.example"
                                                         certificate-authorities: (file "ca.pem"))))
                 "hostname mismatch"))
(test "a self-signed certificate is rejected" #t
      (contains? (rejected self-signed (lambda () (ssl-connect "localhost" (ssl-listener-port self-signed) (trusting-context))))
                 "self-signed certificate"))
(test "a certificate of an untrusted CA is rejected" #t
      (contains? (rejected untrusted (lambda () (ssl-connect "localhost" (ssl-listener-port untrusted) (trusting-context))))
                 "unable to get local issuer certificate"))
(test "verify? #f accepts them all" '("ping" "ping" "ping" "ping")
      (map (lambda (l)
             (car (client-run l (lambda () (ssl-connect* hostname: "localhost" port: (ssl-listener-port l) sni-name: "wrong.example"
                                                         verify?: #f)))))
           (list good expired self-signed untrusted)))
(test-error "a rejection is a catchable (exn i/o net openssl)" (exn i/o net openssl)
            (let ((server (serve-once good)))
              (dynamic-wind void (lambda () (ssl-connect "localhost" (ssl-listener-port good))) (lambda () (thread-join! server)))))

;;; Client certificates
(define strict (listener "server.pem" "server.key"))
(ssl-set-verify! strict #t)
(ssl-load-verify-root-certificates! strict (file "ca.pem"))
(test "a client certificate is verified by the server" '("ping" ("ping" "localhost" #t "/CN=test client"))
      (client-run strict (lambda () (ssl-connect* hostname: "localhost" port: (ssl-listener-port strict)
                                                  certificate: (file "client.pem") private-key: (file "client.key")
                                                  certificate-authorities: (file "ca.pem")))))
(test "a server that verifies refuses a client without one" #t
      (let ((r (client-run strict (lambda () (ssl-connect "localhost" (ssl-listener-port strict) (trusting-context))))))
        (and (eq? (car (cadr r)) 'server-error) #t)))

;;; STARTTLS
;; The client asks for TLS, the server answers "ok" on its tcp ports (made with
;; `server-buffer-size`), and both upgrade; => (answer echo verified).
(define (starttls-exchange server-buffer-size)
  (let* ((plain (tcp-listen 0 4 "127.0.0.1"))
         (server (spawn (lambda ()
                          (receive (i o) (parameterize ((tcp-buffer-size server-buffer-size)) (tcp-accept plain))
                            (read-line i)
                            (write-line "ok" o)
                            (receive (si so) (tcp-port->ssl-port i o good)
                              (write-line (read-line si) so)
                              (close-input-port si) (close-output-port so)))))))
    (receive (i o) (tcp-connect "127.0.0.1" (tcp-listener-port plain))
      (write-line "STARTTLS" o)
      (let ((answer (read-line i)))
        (receive (si so) (tcp-port->ssl-port i o (trusting-context) "localhost")
          (write-line "secret" so)
          (let ((echo (read-line si)) (verified (ssl-peer-verified? si)))
            (close-input-port si) (close-output-port so)
            (thread-join! server)
            (tcp-close plain)
            (list answer echo verified)))))))
(test "tcp-port->ssl-port upgrades a tcp connection on both sides" '("ok" "secret" #t) (starttls-exchange #f))
;; A buffered tcp port's text goes out before the handshake, not after it: the server's
;; go-ahead is still in its buffer when it upgrades.
(test "tcp-port->ssl-port sends buffered tcp output first" '("ok" "secret" #t) (starttls-exchange 1024))

;;; The tcp ports under a session
;; A session with the good listener: (thunk i o) runs on the client's ports while the server
;; echoes lines until end of file; the value is (thunk's value, the server's line count).
(define (with-session thunk)
  (let* ((server (spawn (lambda ()
                          (receive (i o) (ssl-accept good)
                            (let loop ((n 0))
                              (let ((line (read-line i)))
                                (cond ((eof-object? line) (close-input-port i) (close-output-port o) n)
                                      (else (write-line line o) (loop (+ n 1))))))))))
         (r (receive (i o) (ssl-connect "localhost" (ssl-listener-port good) (trusting-context))
              (thunk i o))))
    (list r (thread-join! server))))
(define (outcome thunk)
  (handle-exceptions e (list 'error (message e)) (thunk)))

(test "ssl-port->tcp-port answers the connection's tcp ports" '((#t #t #t #t "127.0.0.1" "ping") 1)
      (with-session
       (lambda (i o)
         (let ((ti (ssl-port->tcp-port i)) (to (ssl-port->tcp-port o)))
           (write-line "ping" o)
           (let ((r (list (input-port? ti) (output-port? to) (eq? ti (ssl-port->tcp-port i))
                          (= (port->fileno ti) (port->fileno to))
                          (receive (local remote) (tcp-addresses ti) remote)
                          (read-line i))))
             (close-input-port i) (close-output-port o)
             r)))))
(test "closing the session closes its tcp ports" '("port already closed" "port already closed")
      (car (with-session
            (lambda (i o)
              (let ((ti (ssl-port->tcp-port i)) (to (ssl-port->tcp-port o)))
                (close-input-port i) (close-output-port o)
                (list (cadr (outcome (lambda () (tcp-addresses ti))))
                      (cadr (outcome (lambda () (tcp-port-numbers to))))))))))
(test "closing the tcp ports first ends the session" '((#t error error) 0)
      (with-session
       (lambda (i o)
         (close-input-port (ssl-port->tcp-port i))
         (close-output-port (ssl-port->tcp-port o))
         (let ((r (list (eof-object? (read-line i))
                        (car (outcome (lambda () (write-line "late" o))))
                        (car (outcome (lambda () (ssl-peer-verified? i)))))))
           (close-input-port i) (close-output-port o)
           r))))
(test "a reader parked on the session while another thread closes its tcp ports" '(#t 0)
      (with-session
       (lambda (i o)
         (let ((reader (spawn (lambda () (read-line i)))))
           (thread-yield!)
           (close-input-port (ssl-port->tcp-port i))
           (close-output-port (ssl-port->tcp-port o))
           (let ((r (eof-object? (thread-join! reader))))
             (close-input-port i) (close-output-port o)
             r)))))
(test-error "ssl-port->tcp-port of a tcp port" (exn type) (ssl-port->tcp-port (current-input-port)))
(test "peer queries of a closed session" '("SSL connection closed" "SSL connection closed")
      (car (with-session
            (lambda (i o)
              (close-input-port i) (close-output-port o)
              (list (cadr (outcome (lambda () (ssl-peer-verified? i))))
                    (cadr (outcome (lambda () (ssl-peer-subject-name o)))))))))

;;; Faulty peers
(test "a peer that stops mid-handshake hits ssl-handshake-timeout" '(timeout #t)
      (let* ((start (current-milliseconds))
             (server (spawn (lambda ()
                              (handle-exceptions e (if ((condition-predicate 'timeout) e) 'timeout (message e))
                                (parameterize ((ssl-handshake-timeout 300)) (ssl-accept good)))))))
        (receive (i o) (tcp-connect "127.0.0.1" (ssl-listener-port good))
          (let ((r (thread-join! server)))
            (close-input-port i) (close-output-port o)
            (list r (< (- (current-milliseconds) start) 3000))))))
(test "a peer that sends garbage instead of a ClientHello" #t
      (let ((server (spawn (lambda () (handle-exceptions e (openssl-error? e) (ssl-accept good) 'accepted)))))
        (receive (i o) (tcp-connect "127.0.0.1" (ssl-listener-port good))
          (write-string "GET / HTTP/1.0\r\n\r\n" #f o)
          (let ((r (thread-join! server)))
            (close-input-port i) (close-output-port o)
            r))))

;;; Many clients at once, each on its own green thread
(test "100 concurrent TLS clients" 100
      (let* ((n 100)
             (server (spawn (lambda ()
                              (let loop ((k 0) (handlers '()))
                                (if (= k n)
                                    (for-each thread-join! handlers)
                                    (receive (i o) (ssl-accept good)
                                      (loop (+ k 1)
                                            (cons (spawn (lambda ()
                                                           (write-line (read-line i) o)
                                                           (close-input-port i) (close-output-port o)))
                                                  handlers))))))))
             (clients (let loop ((k 0) (acc '()))
                        (if (= k n)
                            acc
                            (loop (+ k 1)
                                  (cons (spawn (lambda () (exchange (lambda () (ssl-connect "localhost" (ssl-listener-port good) (trusting-context))))))
                                        acc)))))
             (answers (map thread-join! clients)))
        (thread-join! server)
        (length (filter (lambda (a) (equal? a "ping")) answers))))

;;; The example client, against a local server and the test CA
(test "examples/https-get.scm" '("HTTP/1.0 200 OK" "Content-Type: text/plain")
      (let* ((l (listener "server.pem" "server.key"))
             (server (spawn (lambda ()
                              (receive (i o) (ssl-accept l)
                                (let loop () (let ((line (read-line i))) (unless (or (eof-object? line) (string=? line "")) (loop))))
                                (display "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbody" o)
                                (close-input-port i) (close-output-port o)))))
             (url (string-append "https://localhost:" (number->string (ssl-listener-port l)) "/"))
             (out (with-output-to-string
                    (lambda ()
                      (parameterize ((command-line-arguments (list url (file "ca.pem"))))
                        (load (string-append repo-root "/examples/https-get.scm")))))))
        (thread-join! server)
        (ssl-close l)
        (string-split out "\n")))

;;; Protocols and ciphers
(test "TLS 1.3 only, on both sides" "ping"
      (let ((l (ssl-listen 0 4 "127.0.0.1" 'tlsv13)))
        (ssl-load-certificate-chain! l (file "server.pem"))
        (ssl-load-private-key! l (file "server.key"))
        (let ((r (car (client-run l (lambda () (ssl-connect* hostname: "localhost" port: (ssl-listener-port l) protocol: 'tlsv13
                                                              certificate-authorities: (file "ca.pem")))))))
          (ssl-close l)
          r)))
(test-error "an old protocol is refused" (exn i/o net openssl) (ssl-make-client-context 'sslv3))
(test "a cipher list" "ping"
      (car (client-run good (lambda () (ssl-connect* hostname: "localhost" port: (ssl-listener-port good)
                                                     cipher-list: "ECDHE+AESGCM" certificate-authorities: (file "ca.pem"))))))
(test-error "a bad cipher list" (exn i/o net openssl)
            (ssl-connect* hostname: "localhost" port: (ssl-listener-port good) cipher-list: "NO-SUCH-CIPHER"))
(test "suggested certificate authorities" #t
      (let ((l (listener "server.pem" "server.key")))
        (ssl-load-suggested-certificate-authorities! l (file "ca.pem"))
        (ssl-close l)
        #t))
(test-error "suggested CAs from a missing file" (exn i/o net openssl)
            (ssl-load-suggested-certificate-authorities! good (file "missing.pem")))

;;; Listeners
(test "listener procedures" '(#t #t #f #t)
      (list (ssl-listener? good) (integer? (ssl-listener-fileno good)) (ssl-listener? 'x) (> (ssl-listener-port good) 0)))
(test "ssl-accept-ready? with nobody waiting" #f (ssl-accept-ready? good))
(test "ssl-port? of other ports" #f (ssl-port? (current-output-port)))
(test-error "ssl-peer-verified? of a tcp port" (exn type) (ssl-peer-verified? (current-output-port)))
(test-error "loading a missing certificate" (exn i/o net openssl) (ssl-load-certificate-chain! (ssl-make-client-context) (file "missing.pem")))

(for-each ssl-close (list good expired self-signed untrusted strict))
