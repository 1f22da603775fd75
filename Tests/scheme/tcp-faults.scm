;;; Peers that misbehave, against a server made of one green thread per connection: each
;;; fault ends its own connection's thread and nobody else's (issue 12, item 5).

(tcp-accept-timeout 5000)
(tcp-connect-timeout 5000)
(define l (tcp-listen 0 50 "127.0.0.1"))
(define lport (tcp-listener-port l))
(define (now-ms) (current-milliseconds))
(define (err-kinds e) (map car (condition->list e)))

;; Serves one connection with `handler`; the thread's value is 'ok or the error's kinds.
(define (serve-one handler)
  (thread-start!
   (make-thread
    (lambda ()
      (receive (i o) (tcp-accept l)
        (let ((r (handle-exceptions e (err-kinds e) (handler i o) 'ok)))
          (close-input-port i)
          (handle-exceptions e #f (close-output-port o))
          r))))))
(define (echo-line i o) (write-line (read-line i) o))

(test "a silent client is dropped by the read timeout; another is served meanwhile"
      '((exn i/o net network timeout) "hi" #t)
      (parameterize ((tcp-read-timeout 300))
        (let* ((silent-server (serve-one echo-line))
               (start (now-ms)))
          (define-values (si so) (tcp-connect "127.0.0.1" lport))    ; sends nothing
          (let ((other-server (serve-one echo-line)))
            (define-values (ci co) (tcp-connect "127.0.0.1" lport))
            (write-line "hi" co)
            (let* ((reply (read-line ci))
                   (served-fast (< (- (now-ms) start) 250)))
              (thread-join! other-server)
              (let ((dropped (thread-join! silent-server)))
                (for-each close-port (list si so ci co))
                (list dropped reply served-fast)))))))

(test "a client that never reads its replies is dropped by the write timeout"
      '((exn i/o net network timeout) #t)
      (parameterize ((tcp-write-timeout 300))
        (let* ((flood (make-string 65536 #\x))
               (server (serve-one (lambda (i o) (let loop () (write-string flood #f o) (loop)))))
               (start (now-ms)))
          (define-values (ci co) (tcp-connect "127.0.0.1" lport))    ; never reads
          (let ((r (thread-join! server)))
            (for-each close-port (list ci co))
            (list r (< (- (now-ms) start) 4000))))))

(test "a client that half-closes mid-line gets no reply and ends its thread cleanly" '(ok #t)
      (let ((server (serve-one (lambda (i o) (let ((line (read-line i))) (if (eof-object? line) 'eof (write-line line o)))))))
        (define-values (ci co) (tcp-connect "127.0.0.1" lport))
        (write-string "no newline" #f co)
        (close-output-port co)
        (let ((r (thread-join! server)))
          (let ((reply (read-line ci)))
            (close-input-port ci)
            (list r (string? reply))))))

;; The lowest free descriptor number: it grows if descriptors leak.
(define (fd-count)
  (let* ((p (open-input-file "/dev/null")) (n (port->fileno p)))
    (close-input-port p)
    n))

(test "2,000 sequential connect/request/close cycles leave the fd count flat" #t
      (let ((before (fd-count)))
        (let loop ((k 0))
          (when (< k 2000)
            (let ((server (serve-one echo-line)))
              (define-values (ci co) (tcp-connect "127.0.0.1" lport))
              (write-line "x" co)
              (read-line ci)
              (close-output-port co)
              (close-input-port ci)
              (thread-join! server)
              (loop (+ k 1)))))
        (<= (fd-count) before)))

(tcp-close l)
