;;; echo-server.scm -- every line a client sends comes back; one green thread per
;;; connection, so any number of clients are served at once.
;;;   csi-swift -s echo-server.scm [PORT [CONNECTIONS]]
;;; PORT defaults to 7777. With CONNECTIONS the server stops after that many clients
;;; (handy for tests); without it, it serves until interrupted. Try: nc localhost 7777

(define args (command-line-arguments))
(define port (if (pair? args) (string->number (car args)) 7777))
(define limit (and (> (length args) 1) (string->number (cadr args))))

(define (serve in out)
  (let loop ()
    (let ((line (read-line in)))
      (unless (eof-object? line)
        (write-line line out)
        (loop))))
  (close-input-port in)
  (close-output-port out))

(define listener (tcp-listen port 100 "127.0.0.1"))
(tcp-read-timeout #f)                    ; idle clients may stay as long as they like
(print "echo server on 127.0.0.1:" (tcp-listener-port listener))

(define workers
  (let loop ((served 0) (workers '()))
    (if (and limit (>= served limit))
        workers
        (receive (in out) (tcp-accept listener)
          (loop (+ served 1)
                (cons (thread-start! (make-thread (lambda () (serve in out)))) workers))))))
(for-each thread-join! workers)
(tcp-close listener)
(print "served " (length workers) " clients")
