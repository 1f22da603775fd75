;; two threads hand control back and forth with thread-yield!: 1,000,000 switches
(define n 500000)
(define count 0)
(define (worker) (let loop ((i 0)) (when (< i n) (set! count (+ count 1)) (thread-yield!) (loop (+ i 1)))))
(define a (thread-start! (make-thread worker)))
(define b (thread-start! (make-thread worker)))
(thread-join! a)
(thread-join! b)
(print "pingpong ok " count)
