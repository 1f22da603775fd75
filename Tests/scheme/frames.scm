;;; Frames own nothing: the running closure, in the slot below its frame, keeps its code and
;;; captured values alive (see Sources/SchemeCore/Runtime/Captures.swift). Each check runs a
;;; closure that nothing but the stack holds, while something drops, replaces or collects it.

;; Closures that only the stack holds, entered and left in every way.
(test "anonymous closure called at once" 6 ((lambda (a b) (+ a b)) 1 5))
(test "anonymous closure tail-calls another" '(x 3)
      ((lambda (v) ((lambda (w) (list 'x w)) (+ v 1))) 2))
(test-error "tail call of a non-procedure from an anonymous closure" ()
            ((lambda () ((lambda () (5))))))
(test-error "arity error in a tail call from an anonymous closure" (arity)
            ((lambda (f) (f 1 2)) (lambda (x) x)))

;; A procedure that drops its own global binding while it runs, then returns through it.
(define (self-dropping n)
  (set! self-dropping #f)
  (let ((v (make-vector 3 n)))
    (+ (vector-ref v 0) (car (list n)))))
(test "procedure that unbinds itself" 8 (self-dropping 4))

;; A closure over a vector that is freed as soon as the closure returns.
(define (make-reader)
  (let ((v (list->vector (iota 100))))
    (lambda (i) (set! make-reader #f) (vector-ref v i))))
(test "closure over a value only it holds" 42 ((make-reader) 42))

;; A letrec group whose closures tail-call each other after the group is dropped: the
;; callee slot keeps the closure whose captures the siblings share.
(define (count-down n)
  ((letrec ((even (lambda (k acc) (if (= k 0) acc (odd (- k 1) (cons k acc)))))
            (odd (lambda (k acc) (if (= k 0) acc (even (- k 1) acc)))))
     even)
   n '()))
(test "letrec siblings after the group is gone" 5000 (length (count-down 10000)))

;; Deep non-tail recursion through closures made on the fly, with cycles made meanwhile so
;; the cycle collector runs while thousands of frames are pending.
(define (garbage-cycles n)
  (let loop ((i 0))
    (if (< i n)
        (let ((p (list 1 2)))
          (set-cdr! (cdr p) p)
          (loop (+ i 1))))))
(define (deep n)
  (if (= n 0)
      (begin (garbage-cycles 20000) 0)
      (+ 1 ((lambda (m) (deep m)) (- n 1)))))
(test "collection while closures are pending" 3000 (deep 3000))

;; Re-entering frames through a continuation after the closures that made them are gone.
(define saved #f)
(define entries 0)
(define (make-frame-maker)
  (lambda (x)
    (+ x (call/cc (lambda (k) (set! saved k) 1)))))
(define (first-run)
  (let ((r ((make-frame-maker) 10)))
    (set! entries (+ entries 1))
    r))
(test "continuation result, first time" 11 (first-run))
(test "continuation re-entry after its closure was dropped" '(1 2 3)
      (let ((results '()))
        (let ((r (first-run)))
          (set! results (cons r results))
          (if (< (length results) 3)
              (saved (+ (length results) 1))
              (reverse (map (lambda (v) (- v 10)) results))))))

;; Green threads whose thunks only the threads hold, preempted while they recurse.
(define (spin n) (if (= n 0) 0 (+ 1 ((lambda (k) (spin k)) (- n 1)))))
(test "threads running anonymous closures" '(20000 20000 20000)
      (let ((ts (map (lambda (i) (make-thread (lambda () (spin 20000)))) '(1 2 3))))
        (for-each thread-start! ts)
        (map thread-join! ts)))

;; `eval` of a lambda that is called once and dropped, many times over.
(test "evaluated closures called and dropped" 4950
      (let loop ((i 0) (sum 0))
        (if (= i 100) sum (loop (+ i 1) (+ sum ((eval '(lambda (x) x)) i))))))
