;;; syntax-rules and hygiene; er/ir transformers.

(define-syntax swap!
  (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(test "swap! with user tmp" '(2 1) (let ((tmp 1) (other 2)) (swap! tmp other) (list tmp other)))

(define-syntax my-or
  (syntax-rules () ((_) #f) ((_ e) e) ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
(test "macro temp does not capture" 5 (let ((t 5)) (my-or #f t)))
(test "user binding of if does not break macro" 1 (let ((if list)) (my-or 1 2)))

(define-syntax while
  (syntax-rules ()
    ((_ c body ...) (let lp () (when c body ... (lp))))))
(test "while" 5 (let ((i 0)) (while (< i 5) (set! i (+ i 1))) i))

(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
(test "recursive macro" 3 (my-let* ((a 1) (b (+ a 1))) (+ a b)))

(define-syntax nested-ellipsis
  (syntax-rules () ((_ (a b ...) ...) '((b ... a) ...))))
(test "nested ellipsis" '((2 3 1) (5 4)) (nested-ellipsis (1 2 3) (4 5)))

(define-syntax tail-pattern
  (syntax-rules () ((_ a ... last) 'last)))
(test "ellipsis then tail" 'last (tail-pattern 1 2 last))

(define-syntax dotted
  (syntax-rules () ((_ a . rest) 'rest)))
(test "dotted pattern" '(2 3) (dotted 1 2 3))

(define-syntax vec-pat
  (syntax-rules () ((_ #(a ...)) (list a ...))))
(test "vector pattern" '(1 2) (vec-pat #(1 2)))

(define-syntax lit
  (syntax-rules (=>) ((_ a => b) (list a b)) ((_ a b c) 'no-literal)))
(test "literal" '(1 2) (lit 1 => 2))
(test "literal shadowed is not literal" 'no-literal (let ((=> 0)) (lit 1 => 2)))

(define-syntax my-elli
  (syntax-rules ::: () ((_ a :::) (list a :::))))
(test "custom ellipsis" '(1 2 3) (my-elli 1 2 3))

(define-syntax escape-elli
  (syntax-rules () ((_ a) '(a (... ...)))))
(test "escaped ellipsis" '(1 ...) (escape-elli 1))

(define-syntax define-getter
  (syntax-rules () ((_ name val) (define (name) val))))
(define-getter get-five 5)
(test "macro defining toplevel" 5 (get-five))

(define-syntax def-hidden
  (syntax-rules () ((_ name) (begin (define hidden 10) (define (name) hidden)))))
(def-hidden get-hidden)
(define hidden 99)
;; As in CHICKEN, a toplevel definition a macro writes names the global as written.
(test "macro-introduced toplevel define is not renamed (CHICKEN)" 99 (get-hidden))

(test "let-syntax" 3 (let-syntax ((foo (syntax-rules () ((_ x) (+ x 1))))) (foo 2)))
(test "letrec-syntax" 'done
      (letrec-syntax ((ev? (syntax-rules () ((_) 'done) ((_ x . r) (od? . r))))
                      (od? (syntax-rules () ((_ x . r) (ev? . r)))))
        (ev? 1 2)))
(test "internal define-syntax" 4 (let () (define-syntax dbl (syntax-rules () ((_ x) (* 2 x)))) (dbl 2)))

(define-syntax er-swap
  (er-macro-transformer
   (lambda (form rename compare)
     (let ((a (cadr form)) (b (caddr form)) (%let (rename 'let)) (%set! (rename 'set!)) (tmp (rename 'tmp)))
       `(,%let ((,tmp ,a)) (,%set! ,a ,b) (,%set! ,b ,tmp))))))
(test "er-macro-transformer" '(2 1) (let ((tmp 1) (y 2)) (er-swap tmp y) (list tmp y)))

(define-syntax ir-anaphoric-if
  (ir-macro-transformer
   (lambda (form inject compare)
     `(let ((,(inject 'it) ,(cadr form))) (if ,(inject 'it) ,(caddr form) ,(cadddr form))))))
(test "ir-macro-transformer inject" 3 (ir-anaphoric-if (+ 1 2) it 'no))

(define-syntax ir-hygienic
  (ir-macro-transformer
   (lambda (form inject compare)
     `(let ((tmp 1)) (+ tmp ,(cadr form))))))
(test "ir-macro-transformer hygiene" 11 (let ((tmp 10)) (ir-hygienic tmp)))

;;; The library is not changed by a program's own syntax: lazily compiled prelude
;;; procedures are expanded in the prelude's environment.
(define-syntax cond (syntax-rules () ((_ . x) 'hijacked)))
(test "prelude unaffected by a redefined cond" '(2 . b) (assoc 2 '((1 . a) (2 . b)) =))
(test "the program's own cond is in effect" 'hijacked (cond (#t 1)))
;; The ir-macro's maps of the form copy it without recursion: a use a million arguments long
;; overflowed the Swift stack, and a circular one recursed forever.
(define-syntax %ir-length (ir-macro-transformer (lambda (form inject compare) (length form))))
(test "an ir-macro use a million arguments long" 1000001 (eval (cons '%ir-length (iota 1000000))))
(define-syntax %ir-proper? (ir-macro-transformer (lambda (form inject compare) (list? form))))
(test-error "an ir-macro use that is circular (as CHICKEN: invalid syntax in macro form)" (exn syntax)
            (let ((c (list 1 2 3))) (set-cdr! (cddr c) c) (eval (cons '%ir-proper? c))))
;; A circular macro use is refused before its transformer runs (collecting its items for
;; an ellipsis grew memory without end).
(define-syntax %sr-circle (syntax-rules () ((_ a ...) 'proper) ((_ . r) 'other)))
(test-error "a circular syntax-rules use" (exn syntax)
            (let ((c (list 1 2 3))) (set-cdr! (cddr c) c) (eval (cons '%sr-circle c))))
(test-error "a circular use no rule matches" (exn syntax)
            (let ((c (list 1 2 3))) (set-cdr! (cddr c) c) (eval (cons 'when c))))

;;; ##sys#check-syntax, which CHICKEN programs' own er- and ir-macros call, and the note an
;;; error from a transformer gets (both as csi 5.3 words them).
(define (exn-message thunk)
  (handle-exceptions e (list (get-condition-property e 'exn 'message) (get-condition-property e 'exn 'arguments)) (thunk)))
(test "check-syntax accepts a fitting form" (void) (##sys#check-syntax 'foo '(1 2) '(_ _)))
(test "check-syntax refuses a short one" '("in `foo' - pair expected" ((1 2)))
      (exn-message (lambda () (##sys#check-syntax 'foo '(1 2) '(_ _ _)))))
(test "check-syntax: kinds and bounds"
      '(#f "in `f' - number expected" "in `f' - too many arguments" "in `f' - missing keyword" "in `f' - lambda-list expected")
      (map (lambda (x+p) (car (or (exn-message (lambda () (##sys#check-syntax 'f (car x+p) (cdr x+p)) '(#f))) '(#f))))
           '(((f 1 "s" x) . (_ number string variable)) ((1 a) . (_ number)) ((1 2 3) . #(_ 0 2))
             ((1 2) . (_ else)) ((x (a . 1)) . (_ lambda-list)))))
(test-error "check-syntax refuses a circular pattern" (exn type)
            (let ((p (list '_ '_))) (set-cdr! (cdr p) p) (##sys#check-syntax 'f '(1 2) p)))
(test "a circular form is not a proper list" '("in `f' - not a proper list")
      (let ((x (list 1 2))) (set-cdr! (cdr x) x)
        (list (car (exn-message (lambda () (##sys#check-syntax 'f x '#(_ 0))))))))
(define-syntax %checked (er-macro-transformer (lambda (x r c) (##sys#check-syntax '%checked x '(_ _)) (cadr x))))
(test "an er-macro that checks its use" 5 (%checked 5))
(test "its refusal names the use" '("during expansion of (%checked ...) - in `%checked' - pair expected" ((%checked)))
      (exn-message (lambda () (eval '(%checked)))))
(define-syntax %bad-ir (ir-macro-transformer (lambda (x i c) (cadr 1))))
(test "an ir-macro's own error names the use" "during expansion of (%bad-ir ...) - bad argument type"
      (car (exn-message (lambda () (eval '(%bad-ir))))))

;;; Transformers are values, as in CHICKEN: a syntax binding takes any expression that
;;; yields one, evaluated while the program is expanded.
(define-syntax %tv-er (let ((k 5)) (er-macro-transformer (lambda (x r c) k))))
(test "an er-transformer made by an expression" 5 (%tv-er))
(define-syntax %tv-sr (let () (syntax-rules () ((_ a) (list a a)))))
(test "syntax-rules from an expression" '(3 3) (%tv-sr 3))
(test "its template's names mean what they meant where it was defined" '(1 1)
      (let ((list vector)) (%tv-sr 1)))
(define %tv-value (ir-macro-transformer (lambda (x i c) (list 'quote (cdr x)))))
(test "a transformer is a value, not a procedure" '(#f "#<transformer>")
      (list (procedure? %tv-value) (with-output-to-string (lambda () (display %tv-value)))))
(define-syntax %tv-from-global %tv-value)
(test "a global holding a transformer" '(1 2) (%tv-from-global 1 2))
(test "let-syntax takes one too" 7
      (let-syntax ((q (let ((k 7)) (er-macro-transformer (lambda (x r c) k))))) (q)))
(test "anything else is refused in csi's words" '("expected syntax-transformer, but got" (5) %tv-bad)
      (handle-exceptions e (map (lambda (p) (get-condition-property e 'exn p)) '(message arguments location))
        (eval '(define-syntax %tv-bad (+ 2 3)))))
(test-error "so is a procedure" (exn) (eval '(define-syntax %tv-bad (lambda (x r c) 1))))
(test-error "er-macro-transformer takes one argument" (exn arity) (eval '(er-macro-transformer)))
(test-error "so does ir-macro-transformer" (exn arity) (eval '(define-syntax %tv-bad (ir-macro-transformer 1 2))))
(test "syntax-rules' own shape errors, in csi's words"
      '("during expansion of (syntax-rules ...) - in `syntax-rules' - not enough arguments"
        "during expansion of (syntax-rules ...) - ill-formed syntax rule")
      (map (lambda (form) (car (exn-message (lambda () (eval form)))))
           '((syntax-rules) (define-syntax %tv-bad (syntax-rules () (1))))))
;; (A finished `let` of a running procedure keeps its slots: the cycle is made in its own.)
(define %tv-freed #f)
(define (%tv-cycle)
  (let ((cell (list #f)))
    (set-car! cell (er-macro-transformer (lambda (x r c) cell)))  ; cell -> t -> closure -> cell
    (set-finalizer! cell (lambda (x) (set! %tv-freed #t)))
    #t))
(test "a cycle through a transformer value is collected" #t
      (begin (%tv-cycle) (gc #t) %tv-freed))
