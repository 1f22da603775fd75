; expect 0
;; A 300,000-deep feature requirement (not (not ...)): a clean error, not a crash or a
;; quadratic copy.
(define req (let loop ((i 0) (r 'foo)) (if (= i 300000) r (loop (+ i 1) (list 'not r)))))
(print (handle-exceptions e (condition? e) (eval (list 'cond-expand (list req 1) '(else 2)))))
