;; create, start and join 100,000 threads (in batches of 1,000 live at once)
(define (run n)
  (let loop ((i 0) (sum 0))
    (if (= i n)
        sum
        (let ((ts (let mk ((k 0) (acc '()))
                    (if (= k 1000) acc
                        (mk (+ k 1) (cons (thread-start! (make-thread (let ((v (+ i k))) (lambda () v)))) acc))))))
          (loop (+ i 1000) (+ sum (let j ((ts ts) (s 0)) (if (null? ts) s (j (cdr ts) (+ s (thread-join! (car ts))))))))))))
(print "spawn ok " (run 100000))
