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

(test "unknown module" "during expansion of (import ...) - cannot import from undefined module"
      (error-message (lambda () (eval '(import (chicken nonsense))))))
;; A name the module lacks is warned about and left out, as csi does; the rest is imported.
(test "unknown name in only" '("\nWarning: imported identifier doesn't exist in module `chicken.string': nothing\n" #t)
      (let ((text (call-with-output-string
                   (lambda (port)
                     (with-error-output-to-port port (lambda () (eval '(import (only (chicken string) nothing conc)))))))))
        (list text (procedure? conc))))
(test "unknown names in except and rename"
      '("\nWarning: excluded identifier doesn't exist in module `chicken.string': nada\n\nWarning: renamed identifier doesn't exist in module `chicken.string': zip\n")
      (list (call-with-output-string
             (lambda (port)
               (with-error-output-to-port port
                 (lambda () (eval '(import (except (chicken string) nada) (rename (chicken string) (zip zap))))))))))
(test "import specs of the wrong shape, in csi's words"
      '("during expansion of (import ...) - invalid import specification"
        "during expansion of (import ...) - in `import' - pair expected"
        "during expansion of (import ...) - in `import' - symbol expected"
        "during expansion of (import ...) - in `import' - pair expected"
        "during expansion of (import ...) - in `import' - unexpected object")
      (map (lambda (spec) (error-message (lambda () (eval (list 'import spec)))))
           '("foo" (only) (only (chicken base) 1) (rename (chicken base) (add1)) (prefix (chicken base) a b))))
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

;; Interfaces and functors.
(define-interface %STACK (%empty %push %top))
(module %list-stack %STACK
  (import scheme)
  (define %empty '())
  (define (%push s x) (cons x s))
  (define (%top s) (car s)))
(module %vec-stack ((interface: %STACK) %extra)
  (import scheme)
  (define %empty (vector))
  (define (%push s x) (vector x s))
  (define (%top s) (vector-ref s 0))
  (define %extra 'extra))
(functor (%stacker (S %STACK)) (%push-all)
  (import scheme S)
  (define (%push-all . xs) (let loop ((s %empty) (xs xs)) (if (null? xs) (%top s) (loop (%push s (car xs)) (cdr xs))))))
(module %ls = (%stacker %list-stack))
(module %vs = (%stacker %vec-stack))
(test "a functor instantiated with two modules" '(3 3)
      (list (eval '(begin (import %ls) (%push-all 1 2 3))) (eval '(begin (import (prefix %vs v:)) (v:%push-all 1 2 3)))))
(test "an interface and extra names as exports" 'extra (eval '(begin (import %vec-stack) %extra)))
(functor (%greeter ((W %default-writer) (%write-it))) (%greet)
  (import scheme W)
  (define (%greet) (%write-it 'hello)))
(module %default-writer (%write-it) (import scheme) (define %write-it list))
(module %greet-default = (%greeter))
(test "a functor's argument left out takes its default" '(hello) (eval '(begin (import %greet-default) (%greet))))
(functor (%frob (X (%yib))) * (import scheme X) (define (%twice) (* 2 %yib)))
(module %frobbed = %frob (import scheme) (define %yib 21))
(test "the body after the functor's name is its argument module" 42 (eval '(begin (import %frobbed) (%twice))))
(module %ls-again = %list-stack)
(test "a module under another name" 7 (eval '(begin (import %ls-again) (%top (%push %empty 7)))))
(module %nothing ())
(test-error "an argument without the interface's names" (exn syntax) (eval '(module %bad = (%stacker %nothing))))
(test-error "an undefined argument module" (exn syntax) (eval '(module %bad = (%stacker %hunoz))))
(test-error "an undefined functor" (exn syntax) (eval '(module %bad = (%hunoz %list-stack))))
(test-error "too many arguments" (exn syntax) (eval '(module %bad = (%stacker %list-stack %list-stack))))
(test-error "an undefined interface as exports" (exn syntax) (eval '(module %bad %HUNOZ)))
(test-error "an undefined interface in a functor" (exn syntax) (eval '(functor (%f1 (X %HUNOZ)) ())))

;; quasiquote's expansion means the same in any module: one importing only (scheme) had its
;; helpers as unresolved identifiers (CHICKEN's redact-gensyms).
(module %qq-plain (%qq-result)
  (import (scheme))
  (define x 1)
  (define (%qq-result) (list `(a ,x ,@(list 2 3) . b) `#(v ,x) `(1 `(2 ,(3 ,x))))))
(import %qq-plain)
(test "quasiquote in a module importing only scheme" '((a 1 2 3 . b) #(v 1) (1 `(2 ,(3 1)))) (%qq-result))
(module %qq-rebound (%qq-result2)
  (import (except (scheme) cons list))
  (define (cons a b) 'hijacked) (define (list . xs) 'hijacked)
  (define y 5)
  (define (%qq-result2) `(y ,y)))
(import %qq-rebound)
(test "quasiquote with cons and list rebound" '(y 5) (%qq-result2))
(module %everything-again = srfi-1)
(test "another name for a module without an export list" '(1 3)
      (eval '(module %uses-everything-again () (import scheme %everything-again) (list (first '(1 2)) (third '(1 2 3))))))
