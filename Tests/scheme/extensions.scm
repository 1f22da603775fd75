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
;; The setters CHICKEN 5.3 gives the other built-in accessors (checked with csi).
(define t2 (list (list 1 2) (list 3 4) 5 6))
(set! (caar t2) 'aa) (set! (cdar t2) '(ad)) (set! (cadr t2) 'da)
(test "setters of caar cdar cadr" '((aa ad) da 5 6) t2)
(set! (caddr t2) 'c) (set! (cdddr t2) '(d))
(test "setters of caddr cdddr" '((aa ad) da c d) t2)
(set! (cddr t2) '(x)) (set! (list-ref t2 2) 'y)
(test "setters of cddr and list-ref" '((aa ad) da y) t2)
(test "cadddr has none (csi)" #f (handle-exceptions e #f (setter cadddr)))
(define t3 (vector 1 2 3))
(set! (block-ref t3 1) 'b)
(test "setter of block-ref" '#(1 b 3) t3)
(set! (record-instance-slot k 0) 99)
(test "setter of record-instance-slot" 99 (record-instance-slot k 0))
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

;;; Lambda lists (#!optional, #!rest, #!key) and optional-argument forms

(define (opt a #!optional b (c (* a 10))) (list a b c))
(test "#!optional: #f or the default, which sees earlier parameters" '((1 #f 10) (1 2 10) (1 2 3)) (list (opt 1) (opt 1 2) (opt 1 2 3)))
(define (keyed x #!key y (z "s")) x)
(define (rested #!rest r) r)
(test "extended lambda lists print as written, as in csi"
      '("#<procedure (opt a #!optional b (c (* a 10)))>" "#<procedure (keyed x #!key y (z \"s\"))>" "#<procedure (rested #!rest r)>")
      (map (lambda (p) (with-output-to-string (lambda () (write p)))) (list opt keyed rested)))
(test "procedure-information of an extended lambda list" '(opt a #!optional b (c (* a 10))) (procedure-information opt))
;; As in csi: extra arguments to a procedure with #!optional (and no #!rest) are ignored.
(test "too many for #!optional are ignored" '(1 2 3) (opt 1 2 3 4))
(test "too few for #!optional" "too few arguments - received 0 but expected 1: #<procedure (opt a #!optional b (c (* a 10)))>"
      (error-text (lambda () (opt))))
(define (keys #!key (x 1) y) (list x y))
(test "#!key with keyword: and #:keyword" '((1 #f) (1 2) (5 2)) (list (keys) (keys y: 2) (keys #:y 2 x: 5)))
(define (rest+keys a #!rest r #!key k) (list a r k))
(test "#!rest keeps the keywords" '(1 (k: 3) 3) (rest+keys 1 k: 3))
(define (both #!optional (a 1) #!key (k 2)) (list a k))
(test "#!optional then #!key" '((5 9) (1 2)) (list (both 5 k: 9) (both)))
(test "lambda with #!optional" '(1 #f) ((lambda (a #!optional b) (list a b)) 1))
(test "bad lambda list" #t (string? (error-text (lambda () (eval '(lambda (a #!optional #!optional) a))))))
(test "let-optionals" '(1 6) (let-optionals '(1) ((a 5) (b 6)) (list a b)))
(test "let-optionals* with a rest variable" '(1 2 (3)) (let-optionals* '(1 2 3) ((a 5) (b (+ a 1)) r) (list a b r)))
(test "optional and :optional" '(4 1 7) (list (optional '() 4) (optional '(1) 4) (:optional '(7) 1)))
(test "keywords display with their colon" "k:" (with-output-to-string (lambda () (display 'k:))))

;;; Reader syntax the program adds (each takes effect from the next form on)

(set-sharp-read-syntax! #\& (lambda (p) (read p) (values)))
(set-sharp-read-syntax! #\^ (lambda (p) (list 'hat (read p))))
(set-read-syntax! #\! (lambda (p) (read-line p) (values)))
(set-parameterized-read-syntax! #\$ (lambda (p n) (list n (read p))))  ; CHICKEN's order: the port, then the number
(test "sharp read syntax, one that reads nothing is a comment" '(1 (hat 2)) (list 1 #&ignored '#^2))
(test "plain read syntax as a line comment" 3 (+ 1 2)) ! the rest of this line is a comment
(test "parameterized read syntax" '(12 x) '#12$x)
(test "read from a port honours it" '(hat y) (read (open-input-string "#^y")))
(set-read-syntax! #\! #f)
(test "removed read syntax" '! (read (open-input-string "!")))
(test "an error in a read-syntax procedure is catchable" "boom"
      (handle-exceptions e ((condition-property-accessor 'exn 'message) e)
        (set-sharp-read-syntax! #\~ (lambda (p) (error "boom")))
        (read (open-input-string "#~x"))))
(set-sharp-read-syntax! #\~ (lambda (p) (read p)))
(test "nested read syntax is bounded, not a crash" #t
      (handle-exceptions e #t (read (open-input-string (make-string 200000 #\~))) #t))

;;; Here strings

(define who "world")
(test "#<< here string" "line1\n  \"quoted\" #x" #<<END
line1
  "quoted" #x
END
)
(test "#<# interpolates #var and #(expr); ## is #" "hello world, 3 # done" #<#EOF
hello #who, #(+ 1 2) ## done
EOF
)
(test "an unterminated here string is a syntax error" #t
      (handle-exceptions e ((condition-predicate 'syntax) e) (read (open-input-string "#<<END\nno end\n"))))
(test "case-insensitive #T #F #TRUE" '(#t #f #t) (list #T #F #TRUE))
(test "##sys# symbols read and write back" "##sys#foo" (with-output-to-string (lambda () (write '##sys#foo))))

;;; CHICKEN's semantics where R7RS leaves room

(test "a single-value context drops extra values" '(4 (4 1) (1))
      (list (exact-integer-sqrt 17) (call-with-values (lambda () (exact-integer-sqrt 17)) list) (list (values 1 2))))
(test "a primitive producer keeps its values" '(4 1) (call-with-values (lambda () (exact-integer-sqrt 17)) list))
(test "thread-start! takes a thunk" 'done (thread-join! (thread-start! (lambda () 'done))))
(define doubled (make-parameter 5 (lambda (x) (* x 2))))
(test "the converter applies to the initial value" '(10 2) (list (doubled) (parameterize ((doubled 1)) (doubled))))
(define r (delay (begin (set! forced (+ forced 1)) 1)))
(define forced 0)
(define s (delay-force r))
(define t (delay-force s))
(test "delay-force chains share one promise (srfi-45)" '(1 1 1) (list (force t) (force r) forced))
(test "finite? takes numbers only" "(finite?) bad argument type - not a number: foo" (error-text (lambda () (finite? 'foo))))
(test "alist-ref takes a list" "(assv) bad argument type: bar" (error-text (lambda () (alist-ref 'foo 'bar))))

;;; (chicken fixnum), evaluation environments and other library pieces CHICKEN's tests use

(test "fx arithmetic wraps at 62 bits" (list most-negative-fixnum #f 3 1 -1 6 8 -4)
      (list (fx+ most-positive-fixnum 1) (fx+? most-positive-fixnum 1) (fx/ 7 2) (fxmod -7 2) (fxrem -7 2)
            (fxgcd 12 18) (fxlen 255) (fxshr -8 1)))
(test "fx constants" '(63 62 4611686018427387903) (list fixnum-bits fixnum-precision most-positive-fixnum))
(test "fx/ by zero" "(fx/) division by zero" (error-text (lambda () (fx/ 7 0))))
(test "fx ops check their arguments" "(fx+) bad argument type - not a fixnum: a" (error-text (lambda () (fx+ 1 'a))))
(test "substring-index start within the string" '(1 #f "(substring-index) out of range\n2\n1")
      (list (substring-index "" "a" 1) (substring-index "a" "b" 1) (error-text (lambda () (substring-index "" "a" 2)))))
(test "topological-sort" '((a b c d) (a b c d)) (list (topological-sort '((a b) (b c) (c d)) eq?) (topological-sort '((a b) (c d)) eq?)))
(test "topological-sort finds a cycle" #t (string? (error-text (lambda () (topological-sort '((a b) (b a)) eq?)))))
(test "scheme-report-environment holds only R5RS" '(1 "unbound variable: foo" #t)
      (list (eval '(car '(1)) (scheme-report-environment 5))
            (error-text (lambda () (eval 'foo (scheme-report-environment 5))))
            (string? (error-text (lambda () (eval '(set! car 1) (scheme-report-environment 5)))))))
(test "null-environment has syntax only" '(1 "unbound variable: car")
      (list (eval '(if #t 1 2) (null-environment 5)) (error-text (lambda () (eval 'car (null-environment 5))))))
(test "values is not R4RS" #t (string? (error-text (lambda () (eval 'values (scheme-report-environment 4))))))
(define-reader-ctor 'pt (lambda (x y) (vector 'point x y)))
(test "#, read-time constructors (srfi-10)" '#(point 1 2) '#,(pt 1 2))
(test "an unknown #, constructor is an error" #t
      (handle-exceptions e #t (read (open-input-string "#,(nope 1)")) #f))

;;; srfi-4 homogeneous vectors (the part CHICKEN's module and import tests use)

(define s16 (s16vector 1 -2 3))
(s16vector-set! s16 0 100)
(set! (s16vector-ref s16 2) 30)
(test "s16vector" '(#(100 -2 30) 3 #t) (list (list->vector (s16vector->list s16)) (s16vector-length s16) (s16vector? s16)))
(test "f32 rounds, f64 keeps" '(0.5 0.1) (list (f32vector-ref (f32vector 0.5) 0) (f64vector-ref (f64vector 0.1) 0)))
(test "u64 holds 2^64-1" 18446744073709551615 (u64vector-ref (u64vector 18446744073709551615) 0))
(test "literals read and compare" '(#t #t) (list (equal? #s8(-1 2 3) (s8vector -1 2 3)) (equal? #u8(1 2) (u8vector 1 2))))
(test "out of the kind's range" "(s8vector) out of range: 200" (error-text (lambda () (s8vector 200))))
(test "wrong vector kind" "(s16vector-ref) bad argument type - not a s16vector: #s8(1)" (error-text (lambda () (s16vector-ref (s8vector 1) 0))))
(test "number-vector?" '(#t #t #f) (list (number-vector? (f64vector)) (number-vector? (u8vector)) (number-vector? (vector))))
(test "subvector and u8 port operations" '(2 #u8(98 99) "abc")
      (list (s32vector-length (subs32vector (s32vector 1 2 3) 1 3))
            (read-u8vector 2 (let ((p (open-input-string "abc"))) (read-char p) p))
            (with-output-to-string (lambda () (write-u8vector #u8(97 98 99))))))

;; Multiple values (item 6): a single-value context drops extra values from `values`, and
;; refuses them from a continuation (CHICKEN's #1601); call-with-values takes them all.
(define (two-values) (values 1 2))
(test "values in a single-value context" '(1 2 1)
      (list (two-values) (+ 1 (two-values)) (let ((x (two-values))) x)))
(test "values through call-with-values" '((1 2) (4 5) (6 7))
      (list (call-with-values two-values list)
            (call-with-values (lambda () (call/cc (lambda (k) (k 4 5)))) list)
            (call-with-values (lambda () (dynamic-wind void (lambda () (values 6 7)) void)) list)))
(test-error "several values to a single-value continuation" (exn arity)
            (+ 1 (call/cc (lambda (k) (k 1 2 3)))))
(test-error "no value to a single-value continuation" (exn arity)
            (list (call/cc (lambda (k) (k)))))
(test "one value to a continuation" '(1) (list (call/cc (lambda (k) (k 1)))))

;; #ci / #cs: the next datum's symbols fold to lower case, or keep their case.
(test "#ci and #cs" '((foo bar "Str" #\A) (Foo) ((a (B) c) D))
      (list '#ci(Foo BAR "Str" #\A) '#cs(Foo) '(#ci(A #cs(B) C) D)))
(test "#ci lasts one datum" '(abc Def) (list '#ci Abc 'Def))
(test-error "#ci at the end of the text" (exn syntax)
            (read (open-input-string "#ci")))

;; #+FEATURE DATUM reads as CHICKEN reads it: (cond-expand (FEATURE DATUM) (else)).
(test "#+ reads as cond-expand" '(cond-expand (chicken 2) (else)) '#+chicken 2)
(test "#+ selects" '(1 2 4) (let ((x (list 1 #+chicken 2 #+no-such-feature 3 4))) (list (car x) (cadr x) (cadddr x))))

;;; CHICKEN names found missing by comparing with csi 5.3's export lists (csi's results)
(test "define-compiler-syntax and let-compiler-syntax are accepted and ignored, as in csi" '(1 2)
      (let ()
        (define-compiler-syntax cfoo (syntax-rules () ((_ x) (list x x))))
        (define (cfoo x) x)
        (list (cfoo 1) (let-compiler-syntax ((cfoo (syntax-rules () ((_ x) 99)))) (cfoo 2)))))
(test "syntax quotes" '(a b) (syntax (a b)))
(test "condition from lists" '((exn message "hi" arguments (1)) (my-kind a 2))
      (condition->list (condition '(exn message "hi" arguments (1)) '(my-kind a 2))))
(test "syntax-error raises (exn syntax), with an optional location" '(((syntax) "bad syntax" (1 2) #f) where)
      (list (handle-exceptions e (list (map car (cdr (condition->list e))) (get-condition-property e 'exn 'message)
                                       (get-condition-property e 'exn 'arguments) (get-condition-property e 'exn 'location))
              (syntax-error "bad syntax" 1 2))
            (handle-exceptions e (get-condition-property e 'exn 'location) (syntax-error 'where "bad syntax" 1 2))))
(test "provide and provided?" '(#t #f) (begin (provide 'test-feature-xyz) (list (provided? 'test-feature-xyz) (provided? 'not-provided-xyz))))
