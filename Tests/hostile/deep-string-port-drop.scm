; expect 0: string ports held in a nest of lists
(define x (let loop ((i 0) (x 0)) (if (= i 1000000) x (loop (+ i 1) (cons (open-input-string "a") x)))))
(set! x #f) (print "ok")
