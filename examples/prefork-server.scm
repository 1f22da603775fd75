;;; prefork-server.scm -- one server on every core: N worker processes share one port.
;;;   csi-swift -s examples/prefork-server.scm [port [workers]]
;;; Each worker has its own listening socket, made with (tcp-reuse-port #t) (SO_REUSEPORT):
;;; the kernel spreads new connections among the workers, and each worker serves its
;;; connections on green threads. Every connection is answered with the worker's pid.
;;; Try: for i in 1 2 3 4; do nc localhost 8080 </dev/null; done

(import (chicken process) (chicken process-context) (chicken process signal))

(define args (command-line-arguments))
(define port (if (pair? args) (string->number (car args)) 8080))
(define workers (if (and (pair? args) (pair? (cdr args))) (string->number (cadr args)) 2))

(define (worker)
  (parameterize ((tcp-reuse-port #t))
    (let ((listener (tcp-listen port)))
      (let loop ()
        (receive (in out) (tcp-accept listener)
          (thread-start!
           (make-thread
            (lambda ()
              (write-line (number->string (current-process-id)) out)
              (close-input-port in)
              (close-output-port out)))))
        (loop)))))

(define pids (let loop ((k 0) (acc '())) (if (= k workers) acc (loop (+ k 1) (cons (process-fork worker) acc)))))
(print "workers " pids " on port " port)
;; Ctrl-C or SIGTERM stops the workers too.
(define (stop signal) (for-each (lambda (pid) (process-signal pid signal/term)) pids) (exit 0))
(set-signal-handler! signal/int stop)
(set-signal-handler! signal/term stop)
(for-each process-wait pids)
