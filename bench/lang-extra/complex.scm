;;; Complex arithmetic (issue 14): a Mandelbrot escape count over a grid in inexact
;;; complex numbers, plus exact Gaussian-integer powers; + - * / magnitude on cplxnums.
(define (escape c limit)
  (let loop ((z 0) (n 0))
    (if (or (= n limit) (> (magnitude z) 2.0))
        n
        (loop (+ (* z z) c) (+ n 1)))))

(define (grid steps limit)
  (let yloop ((y 0) (total 0))
    (if (= y steps)
        total
        (let xloop ((x 0) (total total))
          (if (= x steps)
              (yloop (+ y 1) total)
              (let ((c (make-rectangular (- (* 3.0 (/ x steps)) 2.0) (- (* 2.0 (/ y steps)) 1.0))))
                (xloop (+ x 1) (+ total (escape c limit)))))))))

(define (gaussian-sum n)
  (let loop ((k 0) (acc 0))
    (if (= k n) acc (loop (+ k 1) (+ acc (/ (expt 1+2i (remainder k 20)) 3-4i))))))

(print (grid 120 60) " " (gaussian-sum 20000))
