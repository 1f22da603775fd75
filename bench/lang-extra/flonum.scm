;;; flonum -- a floating-point loop.
(define (integrate f a b n)
  (let ((h (/ (- b a) n)))
    (let loop ((i 0) (acc 0.))
      (if (= i n) (* acc h) (loop (+ i 1) (+ acc (f (+ a (* i h)))))))))
(define r (integrate (lambda (x) (* x x)) 0. 1. 3000000))
(print "flonum " (if (< (abs (- r .3333333)) .0001) "ok" "WRONG"))
