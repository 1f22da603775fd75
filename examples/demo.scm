;;; A tour of what csi-swift runs today: proper tail calls, deep recursion, call/cc,
;;; conditions with CHICKEN's messages, hygienic macros and bignums.

(define (count-to n) (let loop ((i 0)) (if (= i n) i (loop (+ i 1)))))
(print "tail loop of 10,000,000 iterations: " (count-to 10000000))

(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
(print "1,000,000-deep non-tail recursion builds a list of " (length (build 1000000)))

(define (find-first pred lst)
  (call/cc (lambda (return) (for-each (lambda (x) (if (pred x) (return x))) lst) #f)))
(print "call/cc early exit: " (find-first even? '(1 3 4 5)))

(print "a caught error: "
       (handle-exceptions e (with-output-to-string (lambda () (print-error-message e (current-output-port))))
         (car '())))

(define-syntax swap!
  (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(let ((tmp 1) (other 2))
  (swap! tmp other)
  (print "hygienic swap!: tmp=" tmp " other=" other))

(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(print "30! = " (fact 30))
