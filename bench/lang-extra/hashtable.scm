;;; Hash tables: insert 1,000,000 keys, then look each up. CHICKEN 5 has no srfi-69 without
;;; the egg; its core (chicken internal) tables take symbol keys, so both sides use those.
(import (chicken internal))
(define n 1000000)
(define keys (make-vector n))
(do ((i 0 (+ i 1))) ((= i n)) (vector-set! keys i (string->symbol (string-append "k" (number->string i)))))
(define h (make-hash-table))
(do ((i 0 (+ i 1))) ((= i n)) (hash-table-set! h (vector-ref keys i) i))
(define sum (let loop ((i 0) (s 0)) (if (= i n) s (loop (+ i 1) (+ s (hash-table-ref h (vector-ref keys i)))))))
(print "hashtable ok " sum)
