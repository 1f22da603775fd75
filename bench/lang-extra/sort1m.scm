;;; Sorting 1,000,000 numbers (a list, with sort from (chicken sort)).
(import (chicken sort))
(define (numbers n) (let loop ((i 0) (x 12345) (acc '())) (if (= i n) acc (loop (+ i 1) (modulo (+ (* x 1103515245) 12345) 2147483648) (cons x acc)))))
(define l (numbers 1000000))
(define s (sort l <))
(print "sort1m ok " (car s) " " (length s))
