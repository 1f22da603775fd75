;;; Modules, import specifiers, define-library (issue 13, item 1).

(define (error-message thunk)
  (handle-exceptions e ((condition-property-accessor 'exn 'message) e) (thunk) 'no-error))
(define (error-text thunk) (handle-exceptions e (%error-text e) (thunk) 'no-error))

(module kv (parse lookup-or)
  (import scheme (chicken base) (chicken string))
  (define (parse line)                          ; calls a procedure defined further down
    (let ((p (string-split line "=")))
      (pair (string->symbol (car p)) (cadr p))))
  (define (pair a b) (cons a b))
  (define table '((a . 1)))
  (define (lookup-or k default) (cond ((assq k table) => cdr) (else default))))
(import kv)
(test "exported procedure" '(host . "x") (parse "host=x"))
(test "forward reference inside a module" '(a . "1") (parse "a=1"))
(test "cond with else and => in a module" '(1 none) (list (lookup-or 'a 0) (lookup-or 'b 'none)))
(test "definitions do not leak" "unbound variable: table" (error-text (lambda () table)))
(test "the module's global is kv#table" '((a . 1)) kv#table)

(module a (x get-x) (import scheme) (define x 'from-a) (define (get-x) x))
(module b (x) (import scheme) (define x 'from-b))
(import (prefix a a:) (prefix b b:))
(test "two modules define the same name" '(from-a from-b) (list a:x b:x))
(define x 'toplevel)
(test "a toplevel x does not change a module's x" 'from-a (a:get-x))

(import (only (chicken string) conc))
(test "only" "12" (conc 1 2))
(import (rename (chicken string) (conc kon)))
(test "rename" "ab" (kon "a" "b"))
(import (except (chicken string) conc))
(module c (f) (import (prefix scheme s:)) (s:define (f n) (s:* n 2)))
(import c)
(test "prefix on scheme" 10 (f 5))

(test "unknown module" "cannot import from undefined module"
      (error-message (lambda () (eval '(import (chicken nonsense))))))
(test "unknown name in only" "importing from module `chicken.string': undefined identifier `nothing'"
      (error-message (lambda () (eval '(import (only (chicken string) nothing))))))
(test "unresolved identifier" "Module `bad' has unresolved identifiers\n\n  Unknown identifier `add1'"
      (error-message (lambda () (eval '(module bad (f) (import scheme) (define (f) (add1 1)))))))
(test "module body sees only its imports" #t
      (string? (error-message (lambda () (eval '(module bare () (define y 1)))))))

;; Exported syntax refers to the module's unexported procedures.
(module m1 ((s1 helper))
  (import scheme)
  (define (helper) 'helped)
  (define-syntax s1 (syntax-rules () ((_) (helper)))))
(module m2 (s2)
  (import scheme (rename m1 (s1 s1:s1)))
  (define-syntax s2 (syntax-rules () ((_) (s1:s1)))))
(import m2)
(test "chained syntax exports" 'helped (s2))
(test "helper stays unexported" "unbound variable: helper" (error-text (lambda () (helper))))

(module star * (import scheme) (define one 1) (define-syntax two (syntax-rules () ((_) 2))))
(module re (three) (import scheme (chicken module) star) (reexport star) (define three (+ one (two))))
(import re)
(test "* exports and reexport" '(1 2 3) (list one (two) three))
(module star2 * (import (chicken module) star) (export one))
(test "export adds to a * module" 1 (eval '(module use-star2 () (import star2) one)))

(test "module as an expression" 42 (module expr () (import scheme) (* 6 7)))
(test "current-module" '(#f inside)
      (list (current-module) (module inside () (import (chicken module)) (current-module))))

(define-syntax make-counter-module
  (syntax-rules ()
    ((_ name) (module name (next) (import scheme) (define n 0) (define (next) (set! n (+ n 1)) n)))))
(make-counter-module counter)
(import counter)
(test "a module a macro wrote exports its names" '(1 2) (list (next) (next)))

(test "module-environment" 'from-a (eval 'x (module-environment 'a)))

(define-library (my lib)
  (export double (rename triple thrice))
  (import (scheme base))
  (begin (define (double x) (* 2 x))
         (define (triple x) (* 3 x))))
(import (my lib))
(test "define-library with rename" '(8 6) (list (double 4) (thrice 2)))
(test "define-library name joins with dots" 8 (eval '(module use-lib () (import scheme my.lib) (double 4))))
(define-library (cond lib)
  (export feature)
  (import (scheme base))
  (cond-expand (csi-swift (begin (define feature 'csi-swift))) (else (begin (define feature 'other)))))
(import (cond lib))
(test "cond-expand in define-library" 'csi-swift feature)

(define-syntax def-tmp (syntax-rules () ((_ v) (define tmp v))))
(define tmp 1)
(def-tmp 2)
(test "a macro's toplevel define names the global as written (CHICKEN)" 2 tmp)
(test "qualified names of built-ins" 3 (chicken.base#add1 2))
(test "##sys# names read as symbols" '##sys#foo (quote ##sys#foo))
(define tmp 'mine)
(define-values (dv-a dv-b) (values 1 2))
(test "built-in macros' own helpers stay hidden" '(mine 1 2) (list tmp dv-a dv-b))
;; A literal matches by meaning: a module's `not` literal is the program's `not`.
(module lit (is-not?) (import scheme)
  (define-syntax is-not? (syntax-rules (not) ((_ (not x)) 'yes) ((_ y) 'no))))
(import lit)
(test "literal compared by binding across a module" '(yes no) (list (is-not? (not 1)) (is-not? (nope 1))))

;;; Loading (issue 13, item 5)
(import greet-module)
(test "import loads NAME.scm found beside the loading file" "hello file" (hello "file"))
(include-relative "included-relative.scm")
(test "include-relative" 42 included-relative)
(require-library chicken.string srfi-1)
(test "require-library of built-ins" #t (procedure? conc))
(test "require-library of nothing" #t
      (handle-exceptions e #t (eval '(require-library no-such-library-anywhere)) #f))
(module twice (m) (import scheme) (define-syntax m (syntax-rules () ((_) 'old))))
(import (rename twice (m m1)))
(import (rename twice (m m2)))
(define-syntax m1 (syntax-rules () ((_) 'new)))
(test "redefining an imported macro changes its other import names" '(new new) (list (m1) (m2)))

;; The meta level, as CHICKEN's meta-syntax-test has it: every module body has the import
;; forms (import-syntax-for-syntax with only scheme imported), and what a module's
;; begin-for-syntax defines is there for any module's transformers.
(module %meta-a (%meta-list)
  (import scheme (chicken syntax))
  (begin-for-syntax (define (%meta-helper x) (list (cadr x))))
  ;; Dirty on purpose: the expansion names %meta-helper unrenamed.
  (define-syntax %meta-list
    (er-macro-transformer (lambda (x r c) `(,(r 'list) (%meta-helper (list 1 ,(cadr x))))))))
(module %meta-b (%meta-test)
  (import scheme (chicken syntax))
  (import-syntax-for-syntax (prefix %meta-a a:))
  (define-syntax %meta-quoted
    (er-macro-transformer (lambda (x r c) `(,(r 'quote) ,@(a:%meta-list 2)))))
  (define (%meta-test) (%meta-quoted)))
(import %meta-b)
(test "a transformer uses another module's macro and its meta-level helper" '(2) (%meta-test))
