; expect 0
;; A 200,000-deep import spec ((only (only ... scheme car) car) ...): linear time, no stack.
(define spec (let loop ((i 0) (s 'scheme)) (if (= i 200000) s (loop (+ i 1) (list 'only s 'car)))))
(eval (list 'import spec))
(print (car '(ok)))
