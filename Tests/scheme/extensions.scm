;;; CHICKEN's language extensions (issue 13, items 2-6): records and setters, lambda lists,
;;; reader syntax, loading, and CHICKEN's semantics where R7RS leaves room.

(define (error-text thunk) (handle-exceptions e (%error-text e) (thunk) 'no-error))

;;; Records and setters

(define-record-type foo (make-foo x y z) foo?
  (x get-x) (y get-y set-y) (z get-z (setter get-z)))
(define f (make-foo 1 2 3))
(set-y f 20)
(set! (get-z f) 30)
(test "define-record-type modifiers and (setter getter)" '(1 20 30) (list (get-x f) (get-y f) (get-z f)))
(test "a plain modifier gives the accessor no setter (CHICKEN)"
      "(setter) no setter defined: #<procedure (? r)>" (error-text (lambda () (set! (get-y f) 1))))

(define-record kons x (setter y))
(define k (make-kons 1 2))
(kons-x-set! k 10)
(set! (kons-y k) 20)
(test "define-record" '(#t 10 20 kons) (list (kons? k) (kons-x k) (kons-y k) kons))
(test "a (setter slot) has no -set!" "unbound variable: kons-y-set!" (error-text (lambda () (kons-y-set! k 1))))
(test "record printer: none at first" '(#f "#<kons>") (list (record-printer kons) (with-output-to-string (lambda () (display k)))))
(define-record-printer (kons r out) (display "#<kons " out) (write (kons-x r) out) (display ">" out))
(test "define-record-printer" "(#<kons 10> 1)" (with-output-to-string (lambda () (write (list k 1)))))
(set! (record-printer kons) (lambda (r out) (display "K" out)))
(test "set! of record-printer" "K" (with-output-to-string (lambda () (display k))))
(test "record-instance?" '(#t #f) (list (record-instance? k) (record-instance? 'k)))

(define v (vector 1 2))
(define l (list 1 2))
(define s (make-string 2 #\a))
(set! (vector-ref v 0) 'a)
(set! (car l) 'b)
(set! (string-ref s 1) #\z)
(test "built-in setters" '(#(a 2) (b 2) "az") (list v l s))
(define-values (get-box set-box) (let ((b 0)) (values (lambda () b) (lambda (x) (set! b x)))))
(define boxed (getter-with-setter get-box set-box))
(set! (boxed) 42)
(test "getter-with-setter" 42 (boxed))
(test "no setter" "(setter) no setter defined: #<procedure (cons . args)>" (error-text (lambda () (set! (cons 1) 2))))

;;; Semantics

(test "unbound variable: (exn runtime), the symbol as argument"
      '(#t "unbound variable" (nowhere))
      (handle-exceptions e (list ((condition-predicate 'runtime) e)
                                 ((condition-property-accessor 'exn 'message) e)
                                 ((condition-property-accessor 'exn 'arguments) e))
        nowhere))
