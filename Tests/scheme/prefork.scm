;;; One port, several processes: listeners made with (tcp-reuse-port #t) share it, and the
;;; kernel spreads connections among them. Workers end by themselves after 5 s without a
;;; connection; the test ends them sooner.

(tcp-read-timeout 5000)
(define port
  (let* ((probe (parameterize ((tcp-reuse-port #t)) (tcp-listen 0 10 "127.0.0.1")))
         (p (tcp-listener-port probe)))
    (tcp-close probe)
    p))

(define (worker)
  (parameterize ((tcp-reuse-port #t) (tcp-accept-timeout 5000))
    (let ((l (tcp-listen port 10 "127.0.0.1")))
      (let loop ()
        (receive (i o) (tcp-accept l)
          (write-line (number->string (current-process-id)) o)
          (close-input-port i)
          (close-output-port o))
        (loop)))))

(define (ask)
  (handle-exceptions e #f
    (receive (i o) (tcp-connect "127.0.0.1" port)
      (let ((pid (read-line i))) (close-input-port i) (close-output-port o) (string->number pid)))))

(test "two processes answer on one port" '(2 #t)
      (let ((workers (list (process-fork worker) (process-fork worker))))
        ;; Up to 200 connections, until both workers have answered.
        (let loop ((k 0) (seen '()))
          (if (or (= k 200) (= (length seen) 2))
              (begin
                (for-each (lambda (pid) (process-signal pid signal/term) (process-wait pid)) workers)
                (list (length seen) (and (every (lambda (pid) (memv pid workers)) seen) #t)))
              (let ((pid (ask)))
                (unless pid (thread-sleep! 0.01))
                (loop (+ k 1) (if (and pid (not (memv pid seen))) (cons pid seen) seen)))))))
(test-error "a port in use without tcp-reuse-port" (exn i/o net)
            (let ((a (parameterize ((tcp-reuse-port #t)) (tcp-listen 0 10 "127.0.0.1"))))
              (dynamic-wind void (lambda () (tcp-listen (tcp-listener-port a) 10 "127.0.0.1")) (lambda () (tcp-close a)))))
