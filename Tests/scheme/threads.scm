;;; srfi-18 threads, mutexes, condition variables and the scheduler.

;; Producer/consumer over a mutex and a condition variable.
(define (producer-consumer n)
  (define m (make-mutex 'queue))
  (define cv (make-condition-variable 'nonempty))
  (define q '())
  (define consumer
    (make-thread
     (lambda ()
       (let loop ((got '()))
         (if (= (length got) n)
             (reverse got)
             (begin
               (mutex-lock! m)
               (if (null? q)
                   (begin (mutex-unlock! m cv) (loop got))
                   (let ((x (car q)))
                     (set! q (cdr q))
                     (mutex-unlock! m)
                     (loop (cons x got))))))))
     'consumer))
  (define producer
    (make-thread
     (lambda ()
       (do ((i 0 (+ i 1))) ((= i n))
         (mutex-lock! m)
         (set! q (append q (list i)))
         (condition-variable-signal! cv)
         (mutex-unlock! m)
         (if (even? i) (thread-yield!))))))
  (thread-start! consumer)
  (thread-start! producer)
  (thread-join! consumer))
(test "producer/consumer delivers everything in order" (iota 200) (producer-consumer 200))

;; A hundred threads ready at once grow the ready queue past its first capacity, and their
;; yields wrap around it: they still run first come, first served.
(define (yield-rounds n rounds)
  (define trace '())
  (define threads
    (map (lambda (k)
           (thread-start!
            (make-thread (lambda () (do ((r 0 (+ r 1))) ((= r rounds)) (set! trace (cons k trace)) (thread-yield!))))))
         (iota n)))
  (for-each thread-join! threads)
  (reverse trace))
(test "ready threads run in the order they became ready" (iota 100)
      (let loop ((l (yield-rounds 100 3)) (seen '()))
        (cond ((null? l) (reverse seen))
              ((memv (car l) seen) (loop (cdr l) seen))
              (else (loop (cdr l) (cons (car l) seen))))))
(test "every yielding thread runs every round" 300 (length (yield-rounds 100 3)))

;; Many sleepers wake in deadline order.
(define (shuffle lst)
  (let ((v (list->vector lst)))
    (do ((i (- (vector-length v) 1) (- i 1))) ((< i 1) (vector->list v))
      (let* ((j (pseudo-random-integer (+ i 1))) (t (vector-ref v i)))
        (vector-set! v i (vector-ref v j))
        (vector-set! v j t)))))
(define (sleepers n)
  ;; Absolute wake-up times, so that the time spent starting the threads does not matter.
  ;; 2 s: starting 10,000 threads in a debug build on a loaded machine can take over 0.5 s.
  (define base (+ (time->seconds (current-time)) 2.0))
  (define woke '())
  (define threads
    (map (lambda (k)
           (make-thread (lambda () (thread-sleep! (seconds->time (+ base (* k 0.0001)))) (set! woke (cons k woke)))))
         (shuffle (iota n))))
  (for-each thread-start! threads)
  (for-each thread-join! threads)
  (equal? (reverse woke) (iota n)))
(test "10,000 sleepers wake in order" #t (sleepers 10000))

;; Join with a timeout, a timeout value, termination, uncaught exceptions.
(define sleeper (make-thread (lambda () (thread-sleep! 10) 'late) 'sleeper))
(thread-start! sleeper)
(test "join timeout value" 'timed-out (thread-join! sleeper 0.02 'timed-out))
(test "join timeout raises" #t
      (condition-case (thread-join! sleeper 0.01) (e (join-timeout-exception) #t)))
(test "sleeping state" 'sleeping (thread-state sleeper))
(thread-terminate! sleeper)
(test "terminated state" 'terminated (thread-state sleeper))
(test "join of a terminated thread" #t
      (condition-case (thread-join! sleeper) (e (terminated-thread-exception) #t)))
(define failing (make-thread (lambda () (vector-ref (vector) 1)) 'failing))
(thread-start! failing)
(test "uncaught exception reason" '(exn bounds)
      (condition-case (thread-join! failing)
        (e (uncaught-exception)
           (let ((r (uncaught-exception-reason e)))
             (list (if ((condition-predicate 'exn) r) 'exn 'other)
                   (if ((condition-predicate 'bounds) r) 'bounds 'other))))))
(test "a finished thread is dead" 'dead
      (let ((t (thread-start! (make-thread (lambda () 1))))) (thread-join! t) (thread-state t)))
(test "join returns the value" 42 (thread-join! (thread-start! (make-thread (lambda () 42)))))
(test "thread-start! returns the thread" #t (thread? (thread-start! (make-thread void))))
(test "thread names" '(worker #t)
      (let ((t (make-thread void 'worker))) (list (thread-name t) (symbol? (thread-name (make-thread void))))))
(test "thread-specific" 'data
      (let ((t (make-thread void))) (thread-specific-set! t 'data) (thread-specific t)))
(test "current-thread in the primordial thread" #t (thread? (current-thread)))
(test "current-thread inside a thread" #t
      (let ((t (make-thread (lambda () (current-thread))))) (eq? t (thread-join! (thread-start! t)))))
(test-error "make-thread needs a procedure" (exn type) (make-thread 5))
(test-error "thread-start! twice" (exn) (let ((t (make-thread void))) (thread-start! t) (thread-start! t)))

;; Mutexes: ownership, states, timeouts, abandonment.
(define mx (make-mutex 'mx))
(test "mutex name" 'mx (mutex-name mx))
(test "fresh mutex state" 'not-abandoned (mutex-state mx))
(mutex-lock! mx)
(test "owned by the primordial thread" #t (eq? (mutex-state mx) (current-thread)))
(test "lock with timeout fails when held" #f
      (thread-join! (thread-start! (make-thread (lambda () (mutex-lock! mx 0.01))))))
(mutex-unlock! mx)
(test "unlocked state" 'not-abandoned (mutex-state mx))
(test "lock without owner" 'not-owned (begin (mutex-lock! mx #f #f) (mutex-state mx)))
(mutex-unlock! mx)
(define holder (make-thread (lambda () (mutex-lock! mx) 'exit-holding)))
(thread-join! (thread-start! holder))
(test "mutex held by a dead thread is abandoned" 'abandoned (mutex-state mx))
(test "locking an abandoned mutex raises" #t
      (condition-case (mutex-lock! mx) (e (abandoned-mutex-exception) #t)))
(test "the raise still locked it" #t (eq? (mutex-state mx) (current-thread)))
(mutex-unlock! mx)
(test "mutex-specific" 7 (begin (mutex-specific-set! mx 7) (mutex-specific mx)))
(test "unlock with condition variable times out" #f
      (let ((cv (make-condition-variable))) (mutex-lock! mx) (mutex-unlock! mx cv 0.01)))
(test "broadcast wakes every waiter" 3
      (let* ((m (make-mutex)) (cv (make-condition-variable)) (woken 0)
             (ts (map (lambda (i)
                        (thread-start!
                         (make-thread (lambda () (mutex-lock! m) (mutex-unlock! m cv) (set! woken (+ woken 1))))))
                      '(1 2 3))))
        (thread-sleep! 0.01)
        (condition-variable-broadcast! cv)
        (for-each thread-join! ts)
        woken))

;; Preemption: a busy thread does not starve a sleeper.
(define spinner (make-thread (lambda () (let loop () (loop))) 'spinner))
(thread-start! spinner)
(define t0 (current-milliseconds))
(thread-sleep! 0.05)
(test "sleeper wakes while another thread spins" #t (< (- (current-milliseconds) t0) 1000))
(thread-terminate! spinner)

;; Parameters are inherited and thread-local.
(define prm (make-parameter 'outer))
(test "parameterize is thread-local" '(inner outer)
      (let* ((t (make-thread (lambda () (parameterize ((prm 'inner)) (thread-yield!) (thread-yield!) (prm))))))
        (thread-start! t)
        (thread-yield!)
        (let ((seen (prm))) (list (thread-join! t) seen))))
(test "new threads inherit parameters" 'given
      (parameterize ((prm 'given)) (thread-join! (thread-start! (make-thread (lambda () (prm)))))))

;; Time objects.
(test "time objects" '(#t #t 5.)
      (list (time? (current-time)) (> (time->seconds (current-time)) 1e9) (time->seconds (seconds->time 5))))
(test "sleep until a time object" #t
      (begin (thread-sleep! (seconds->time (+ (time->seconds (current-time)) 0.01))) #t))

;; Waiting for a file descriptor: a pipe-free check with a socket pair is in tcp.scm;
;; here, stdin-independent: thread-wait-for-i/o! on an fd that is always writable.
(test "thread-wait-for-i/o! on a writable fd" #t
      (let ((p (open-output-file "/dev/null"))) (thread-wait-for-i/o! (port->fileno p) #:output) (close-port p) #t))
