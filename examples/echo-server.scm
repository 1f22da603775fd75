;;; echo-server.scm -- every line a client sends comes back; one green thread per
;;; connection, so any number of clients are served at once.
;;;   csi-swift -s echo-server.scm [PORT [CONNECTIONS]]
;;; PORT defaults to 7777. With CONNECTIONS the server stops after that many clients
;;; (handy for tests); without it, it serves until interrupted. Try: nc localhost 7777

(define args (command-line-arguments))
(define port (if (pair? args) (string->number (car args)) 7777))
(define limit (and (> (length args) 1) (string->number (cadr args))))

(define running 0)                       ; workers that have not finished
(define finished (make-condition-variable))
(define lock (make-mutex))

;; Echoes until the client closes; a client that resets the connection or misbehaves ends
;; only its own worker. The ports are closed in every case, so no descriptor leaks.
(define (serve in out)
  (handle-exceptions e
      (print-error-message e (current-error-port) "client dropped")
    (let loop ()
      (let ((line (read-line in)))
        (unless (eof-object? line)
          (write-line line out)
          (loop)))))
  (close-input-port in)
  (handle-exceptions e #f (close-output-port out))
  (mutex-lock! lock)
  (set! running (- running 1))
  (condition-variable-broadcast! finished)
  (mutex-unlock! lock))

(define listener (tcp-listen port 100 "127.0.0.1"))
(tcp-read-timeout #f)                    ; idle clients may stay as long as they like
(print "echo server on 127.0.0.1:" (tcp-listener-port listener))

;; No list of workers is kept: a finished thread is garbage at once.
(define served
  (let loop ((served 0))
    (if (and limit (>= served limit))
        served
        (receive (in out) (tcp-accept listener)
          (set! running (+ running 1))
          (thread-start! (make-thread (lambda () (serve in out))))
          (loop (+ served 1))))))
(let wait ()
  (mutex-lock! lock)
  (if (> running 0)
      (begin (mutex-unlock! lock finished) (wait))
      (mutex-unlock! lock)))
(tcp-close listener)
(print "served " served " clients")
