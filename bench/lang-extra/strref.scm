;;; strref -- string-ref and string-set! over a 1,000,000-character string (must be O(1)).
(define s (make-string 1000000 #\a))
(define (fill! i) (if (< i 1000000) (begin (string-set! s i (if (even? i) #\b #\c)) (fill! (+ i 1)))))
(define (count i acc) (if (< i 1000000) (count (+ i 1) (if (char=? (string-ref s i) #\b) (+ acc 1) acc)) acc))
(define (repeat k) (if (> k 0) (begin (fill! 0) (repeat (- k 1)))))
(repeat 5)
(print "strref " (if (= (count 0 0) 500000) "ok" "WRONG"))
