;;; The part of the base library that is clearer in Scheme than in Swift. Built into the
;;; interpreter: scripts/gen-prelude.py turns this file into Prelude.swift. Each syntax
;;; definition, and each procedure defined after the @lazy line, is compiled the first time
;;; a program refers to it; the other forms before that line run at start-up.

;;; Derived syntax

(define-syntax and
  (syntax-rules () ((_) #t) ((_ e) e) ((_ e r ...) (if e (and r ...) #f))))
(define-syntax or
  (syntax-rules () ((_) #f) ((_ e) e) ((_ e r ...) (let ((t e)) (if t t (or r ...))))))
(define-syntax when
  (syntax-rules () ((_ c e ...) (if c (begin e ...)))))
(define-syntax unless
  (syntax-rules () ((_ c e ...) (if c (void) (begin e ...)))))
(define-syntax let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (let* (rest ...) body ...)))))
(define-syntax cond
  (syntax-rules (else =>)
    ((_ (else)) (void))
    ((_ (else e ...)) (begin e ...))
    ;; As in csi, clauses after `else' are ignored.
    ((_ (else e ...) clause ...) (begin (void) e ...))
    ;; srfi-61: (generator guard => receiver) passes the generator's values to both.
    ((_ (generator guard => receiver))
     (call-with-values (lambda () generator) (lambda t (if (apply guard t) (apply receiver t)))))
    ((_ (generator guard => receiver) clause ...)
     (call-with-values (lambda () generator) (lambda t (if (apply guard t) (apply receiver t) (cond clause ...)))))
    ((_ (test => f)) (let ((t test)) (if t (f t))))
    ((_ (test => f) clause ...) (let ((t test)) (if t (f t) (cond clause ...))))
    ((_ (test)) test)
    ((_ (test) clause ...) (or test (cond clause ...)))
    ((_ (test e ...)) (if test (begin e ...)))
    ((_ (test e ...) clause ...) (if test (begin e ...) (cond clause ...)))))
(define-syntax case
  (syntax-rules ()
    ((_ key clause ...) (let ((k key)) (%case k clause ...)))))
(define-syntax %case
  (syntax-rules (else =>)
    ((_ k) (void))
    ((_ k (else => f) clause ...) (f k))
    ((_ k (else)) (void))
    ((_ k (else e ...) clause ...) (begin (void) e ...))
    ((_ k ((d) => f) clause ...) (if (eqv? k 'd) (f k) (%case k clause ...)))
    ((_ k ((d ...) => f) clause ...) (if (memv k '(d ...)) (f k) (%case k clause ...)))
    ((_ k ((d) e ...) clause ...) (if (eqv? k 'd) (begin e ...) (%case k clause ...)))
    ((_ k ((d ...) e ...) clause ...) (if (memv k '(d ...)) (begin e ...) (%case k clause ...)))))
(define-syntax do
  (syntax-rules ()
    ((_ ((var init step ...) ...) (test expr ...) command ...)
     (let %do-loop ((var init) ...)
       (if test
           (begin (void) expr ...)
           (begin command ... (%do-loop (%do-step var step ...) ...)))))))
(define-syntax %do-step
  (syntax-rules () ((_ x) x) ((_ x y) y)))
;; CHICKEN's compiler inlines these; interpreted, as in csi, they are plain definitions.
(define-syntax define-constant
  (syntax-rules () ((_ name expr) (define name expr))))
(define-syntax define-inline
  (syntax-rules ()
    ((_ (name . formals) body ...) (define (name . formals) body ...))
    ((_ name expr) (define name expr))))
(define-syntax receive
  (syntax-rules ()
    ((_ expr) (call-with-values (lambda () expr) list))  ; CHICKEN: the values as a list
    ((_ formals expr body ...) (call-with-values (lambda () expr) (lambda formals body ...)))))
(define-syntax let-values
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((formals expr) rest ...) body ...)
     (call-with-values (lambda () expr) (lambda formals (let-values (rest ...) body ...))))))
(define-syntax let*-values
  (syntax-rules ()
    ((_ bindings body ...) (let-values bindings body ...))))
(define-syntax define-values
  (syntax-rules ()
    ((_ () expr) (define %dv-ignored (call-with-values (lambda () expr) (lambda args #f))))
    ((_ (var . rest) expr)
     (begin (define tmp (call-with-values (lambda () expr) list))
            (%dv-bind tmp (var . rest))))
    ((_ var expr) (define var (call-with-values (lambda () expr) list)))))
(define-syntax %dv-bind
  (syntax-rules ()
    ((_ tmp ()) (begin))
    ((_ tmp (v . rest)) (begin (define v (car tmp)) (%dv-bind (cdr tmp) rest)))
    ((_ tmp v) (define v tmp))))
(define-syntax parameterize
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((p v)) body ...) (%parameterize-one p v (lambda () body ...)))
    ((_ ((p v) ...) body ...) (%parameterize-many (list p ...) (list v ...) (lambda () body ...)))))
(define-syntax fluid-let
  (syntax-rules ()
    ((_ ((x v) ...) body ...)
     (let ((new (list v ...)) (old #f))
       (dynamic-wind
        (lambda () (set! old (list x ...)) (%fluid-set! (x ...) new))
        (lambda () body ...)
        (lambda () (set! new (list x ...)) (%fluid-set! (x ...) old)))))))
(define-syntax %fluid-set!
  (syntax-rules ()
    ((_ () l) (void))
    ((_ (x y ...) l) (begin (set! x (car l)) (%fluid-set! (y ...) (cdr l))))))
(define-syntax delay-force
  (syntax-rules () ((_ e) (%make-promise #f (lambda () e)))))
(define-syntax delay
  (syntax-rules () ((_ e) (delay-force (%make-promise #t e)))))
(define-syntax make-promise-lazy (syntax-rules () ((_ e) (delay-force e))))
(define-syntax case-lambda
  (syntax-rules ()
    ((_ (formals body ...) ...) (%case-lambda (list (lambda formals body ...) ...)))))
(define-syntax assert
  (syntax-rules ()
    ;; The value of a true assertion is the expression's, as csi answers.
    ((_ e) (let ((v e)) (if v v (error "assertion failed" 'e))))
    ((_ e msg arg ...) (let ((v e)) (if v v (error msg arg ...))))))
;; (chicken type): declarations are accepted and ignored (there is no type checker).
(define-syntax : (syntax-rules () ((_ . declaration) (void))))
(define-syntax the (syntax-rules () ((_ type expression) expression)))
(define-syntax assume
  (syntax-rules () ((_ ((variable type) ...) body ...) (let ((variable variable) ...) body ...))))
(define-syntax define-type (syntax-rules () ((_ . definition) (void))))
(define-syntax define-specialization (syntax-rules () ((_ . definition) (void))))
;; Without types, only an `else` or `*` clause can be chosen.
(define-syntax compiler-typecase
  (syntax-rules (else *)
    ((_ e (else body ...) . more) (begin e body ...))
    ((_ e (* body ...) . more) (begin e body ...))
    ((_ e clause . more) (compiler-typecase e . more))
    ((_ e) (error 'compiler-typecase "no clause applies" e))))
(define-syntax time
  (syntax-rules ()
    ((_ body ...) (%time (lambda () body ...)))))
(define-syntax define-record-type
  (syntax-rules ()
    ((_ tname (ctor cfield ...) pred (fname . faccess) ...)
     (begin
       (define tname (%make-record-type 'tname '(fname ...)))
       ;; The type is held apart: a field may have the type's name (`(make x)` of type x).
       ;; A constructor of every field in order (the usual one) fills them at once; the
       ;; general one looked each field up by name, 12,000 instructions a record.
       (define ctor
         (let ((type tname))
           (if (equal? '(cfield ...) '(fname ...))
               (named-lambda (ctor cfield ...) (%make-record type cfield ...))
               (named-lambda (ctor cfield ...) (%make-record-fields type '(cfield ...) (list cfield ...))))))
       (define (pred x) (%record? x tname))
       (%define-record-fields tname (fname . faccess) ...)))
    ((_ tname #f pred (fname . faccess) ...)
     (begin
       (define tname (%make-record-type 'tname '(fname ...)))
       (define (pred x) (%record? x tname))
       (%define-record-fields tname (fname . faccess) ...)))
    ((_ tname ctor pred (fname . faccess) ...)
     (define-record-type tname (ctor fname ...) pred (fname . faccess) ...))))
(define-syntax %define-record-fields
  (syntax-rules (setter)
    ((_ t) (begin))
    ((_ t (f) more ...) (%define-record-fields t more ...))
    ((_ t (f acc) more ...)
     (begin (define acc (%record-accessor t 'f)) (%define-record-fields t more ...)))
    ;; CHICKEN: a modifier written (setter proc) becomes proc's srfi-17 setter.
    ((_ t (f acc (setter proc)) more ...)
     (begin (define acc (%record-accessor t 'f))
            (%attach-setter! proc (%record-modifier t 'f))
            (%define-record-fields t more ...)))
    ((_ t (f acc mod) more ...)
     (begin (define acc (%record-accessor t 'f))
            (define mod (%record-modifier t 'f))
            (%define-record-fields t more ...)))))
(define-syntax handle-exceptions
  (syntax-rules ()
    ((_ var handler body ...)
     ((call-with-current-continuation
       (lambda (k)
         (with-exception-handler
          (lambda (var) (k (lambda () handler)))
          (lambda ()
            (call-with-values (lambda () body ...)
              (lambda args (lambda () (apply values args))))))))))))
(define-syntax condition-case
  (syntax-rules ()
    ((_ expr clause ...)
     ((call-with-current-continuation
       (lambda (k)
         (with-exception-handler
          (lambda (c) (k (lambda () (%condition-case-clauses c clause ...))))
          (lambda ()
            (call-with-values (lambda () expr)
              (lambda args (lambda () (apply values args))))))))))))
(define-syntax %condition-case-clauses
  (syntax-rules ()
    ((_ c) (abort c))
    ((_ c ((kind ...) body ...) clause ...)
     (if (%condition-kinds-match? c '(kind ...))
         (let () (void) body ...)
         (%condition-case-clauses c clause ...)))
    ((_ c (var (kind ...) body ...) clause ...)
     (if (%condition-kinds-match? c '(kind ...))
         (let ((var c)) (void) body ...)
         (%condition-case-clauses c clause ...)))))
(define-syntax guard
  (syntax-rules ()
    ((_ (var clause ...) body ...)
     ((call-with-current-continuation
       (lambda (guard-k)
         (with-exception-handler
          (lambda (condition)
            ((call-with-current-continuation
              (lambda (handler-k)
                (guard-k
                 (lambda ()
                   (let ((var condition))
                     (%guard-clauses (handler-k (lambda () (raise-continuable condition)))
                                     clause ...))))))))
          (lambda ()
            (call-with-values (lambda () body ...)
              (lambda args (guard-k (lambda () (apply values args)))))))))))))
(define-syntax %guard-clauses
  (syntax-rules (else =>)
    ((_ reraise (else result ...)) (begin result ...))
    ((_ reraise (test => result)) (let ((temp test)) (if temp (result temp) reraise)))
    ((_ reraise (test => result) clause ...)
     (let ((temp test)) (if temp (result temp) (%guard-clauses reraise clause ...))))
    ((_ reraise (test)) (or test reraise))
    ((_ reraise (test) clause ...) (let ((temp test)) (if temp temp (%guard-clauses reraise clause ...))))
    ((_ reraise (test result ...)) (if test (begin result ...) reraise))
    ((_ reraise (test result ...) clause ...)
     (if test (begin result ...) (%guard-clauses reraise clause ...)))))

(define (%parameter-assign p v)
  (let ((converted ((%parameter-converter p) v)))
    (%parameter-set! p converted)
    converted))

;; CHICKEN's exit-handler: a parameter holding what `exit` calls with the status.
(define exit-handler (make-parameter %exit))
(define (exit . status) (apply (exit-handler) status))

;; CHICKEN's: #f makes the reader fold symbols to lower case.
(define case-sensitive (make-parameter #t))
;; The reader's other settings, read by the interpreter on every `read` (Interpreter.swift).
(define symbol-escape (make-parameter #t))
(define parentheses-synonyms (make-parameter #t))
(define keyword-style (make-parameter #:suffix))
;; CHICKEN's (chicken load): #t makes `load` say "; loading FILE ..." (csi's REPL sets it).
(define load-verbose (make-parameter #f))

;;; @lazy

;; (chicken gc). A collection decides which finalized objects are unreachable; their
;; finalizers run here, after it, most recently set first (GCPrimitives.swift).
;; No `let` in `gc`: a slot of its frame not yet set when %gc collects would still hold what
;; an earlier call left there, a root that keeps a finalized object one collection longer.
(define (gc . major) (%finalize-after (apply %gc major)))
(define (%finalize-after free) (%run-finalizers) free)
(define (set-finalizer! x proc)
  (if (%set-finalizer! x proc) (gc))
  x)
(define (%run-finalizers)
  (let ((next (%next-finalizer)))
    (when next
      (handle-exceptions e (%finalizer-warning e) ((car next) (cdr next)))
      (%run-finalizers))))
;; Syntax defined the first time a program uses it.
(define-syntax include-relative                ; include already looks beside the file first
  (syntax-rules () ((_ file ...) (include file ...))))
(define-syntax require-library                 ; CHICKEN 5: load without importing
  (syntax-rules () ((_ lib ...) (begin (%require-library 'lib) ...))))
;; srfi-2: each clause is (var expr), (expr) or a variable; the value is the body's, or the
;; last clause's when there is no body. Any other clause is an error, as in CHICKEN.
(define-syntax and-let*
  (er-macro-transformer (lambda (form r c) (%and-let*-expand form r c))))
;; srfi-26: <> is a parameter, a final <...> the rest; cute evaluates the other parts once.
(define-syntax cut
  (er-macro-transformer
   (lambda (form r c) (%cut form r c #f))))
(define-syntax cute
  (er-macro-transformer
   (lambda (form r c) (%cut form r c #t))))
(define-syntax letrec-values
  (syntax-rules ()
    ;; csi takes an empty body (CHICKEN's messages-test has one).
    ((_ ((formals expr) ...)) (letrec-values ((formals expr) ...) (void)))
    ((_ ((formals expr) ...) body ...)
     (let () (define-values formals expr) ... (let () body ...)))))
;; Compiler syntax only ever applies to compiled code: csi accepts the forms and ignores
;; the definitions, as here.
(define-syntax define-compiler-syntax (syntax-rules () ((_ name . rest) (void))))
(define-syntax let-compiler-syntax (syntax-rules () ((_ bindings body ...) (let () body ...))))
;; (syntax DATUM) is DATUM, quoted, in csi.
(define-syntax syntax (syntax-rules () ((_ x) (quote x))))
;; srfi-31's (rec NAME EXPR) and (rec (NAME . FORMALS) BODY ...), in CHICKEN's base.
(define-syntax rec
  (syntax-rules ()
    ((_ (name . formals) body ...) (letrec ((name (lambda formals body ...))) name))
    ((_ name expr) (letrec ((name expr)) name))))
;; CHICKEN's (nth-value N EXPR): the Nth of the values EXPR returns (from 0).
(define-syntax nth-value
  (syntax-rules () ((_ n expr) (call-with-values (lambda () expr) (lambda args (list-ref args n))))))
;; CHICKEN's (set!-values FORMALS EXPR): assigns the values to existing variables; FORMALS
;; is a lambda list, so a dotted tail takes the rest as a list.
(define-syntax set!-values
  (syntax-rules ()
    ((_ formals expr) (let ((tmp (call-with-values (lambda () expr) list))) (%sv-set! tmp formals)))))
(define-syntax %sv-set!
  (syntax-rules ()
    ((_ tmp ()) (void))
    ((_ tmp (v . rest)) (begin (set! v (car tmp)) (%sv-set! (cdr tmp) rest)))
    ((_ tmp v) (set! v tmp))))
;; CHICKEN's (define-record NAME SLOT ...): make-NAME, NAME?, NAME-SLOT and NAME-SLOT-set!;
;; a slot written (setter SLOT) gets an srfi-17 setter on NAME-SLOT instead of NAME-SLOT-set!.
;; NAME itself is bound to the symbol NAME, as in CHICKEN.
(define-syntax define-record
  (er-macro-transformer (lambda (form rename compare) (%define-record-expand form rename compare))))
;; CHICKEN's optional-argument forms over a rest list: extra arguments are ignored, as there.
(define-syntax optional
  (syntax-rules () ((_ rest default) (let ((r rest)) (if (null? r) default (car r))))))
(define-syntax :optional
  (syntax-rules () ((_ rest default) (optional rest default))))
(define-syntax let-optionals*
  (syntax-rules ()
    ((_ rest () body ...) (let () body ...))
    ((_ rest ((var default) . more) body ...)
     (let* ((r rest) (var (if (null? r) default (car r))))
       (let-optionals* (if (null? r) '() (cdr r)) more body ...)))
    ((_ rest (tail) body ...) (let ((tail rest)) body ...))))
(define-syntax let-optionals
  (syntax-rules () ((_ rest specs body ...) (let-optionals* rest specs body ...))))
(define-syntax define-record-printer
  (syntax-rules ()
    ((_ (name rec port) body ...) (set-record-printer! 'name (lambda (rec port) body ...)))
    ((_ name proc) (set-record-printer! 'name proc))))

;;; Control

;; The producer is called in tail position (in %call-thunk), so that a primitive producer's
;; several values are not dropped as a single-value context drops them.
(define (%call-thunk f) (f))
(define (call-with-values producer consumer) (%apply-values consumer (%call-thunk producer)))

;; As call-with-values, its return points keep several values (PreludeLoading.swift): the
;; thunk's values are held as one object and handed back after `after`, where a consumer
;; closure, a list of the values and `apply` cost a third of every dynamic-wind.
(define (dynamic-wind before thunk after)
  (before)
  (%set-winders! (cons (cons before after) (%winders)))
  (let ((results (%call-thunk thunk)))
    (%set-winders! (cdr (%winders)))
    (after)
    (%apply-values values results)))

(define (%wind-to target)
  (let ((current (%winders)))
    (if (not (eq? current target))
        (let* ((lc (length current))
               (lt (length target))
               (common (let loop ((c (list-tail current (if (> lc lt) (- lc lt) 0)))
                                  (t (list-tail target (if (> lt lc) (- lt lc) 0))))
                         (if (eq? c t) c (loop (cdr c) (cdr t))))))
          (let unwind ((c current))
            (if (not (eq? c common))
                (begin (%set-winders! (cdr c)) ((cdar c)) (unwind (cdr c)))))
          (let rewind ((t target))
            (if (not (eq? t common))
                (begin (rewind (cdr t)) ((caar t)) (%set-winders! t))))))))

(define (%wind-and-continue k . results)
  (%wind-to (%continuation-winders k))
  (apply k results))
(define call-with-current-continuation %call/cc)
(define call/cc %call/cc)

(define (%raise obj continuable)
  (let ((hs (%handlers)))
    (if (null? hs)
        (%uncaught obj)
        (begin
          (%set-handlers! (cdr hs))
          (let ((result ((car hs) obj)))
            (if continuable
                (begin (%set-handlers! hs) result)
                (%raise (%make-exn '() "exception handler returned from non-continuable exception"
                                   (list obj))
                        #f)))))))

(define (with-exception-handler handler thunk)
  (let ((hs (%handlers)))
    (%set-handlers! (cons handler hs))
    (call-with-values thunk
      (lambda results (%set-handlers! hs) (apply values results)))))

;; With an argument it replaces the innermost handler, so `parameterize` can rebind it.
(define (current-exception-handler . new)
  (let ((hs (%handlers)))
    (cond ((pair? new) (%set-handlers! (cons (car new) (if (null? hs) hs (cdr hs)))))
          ((null? hs) %uncaught)
          (else (car hs)))))

(define (signal c) (raise-continuable c))
(define (abort c) (raise c))

;; parameterize of one parameter (a server's timeout …), without the lists and maps of
;; the general one, %parameterize-many. One cell holds the value to install next: entering
;; and leaving both swap it with the parameter's, so a re-entry through a continuation
;; finds the value the body left (one closure and no boxes: a third of the cost went to
;; allocating and freeing those).
(define (%parameterize-one p v thunk)
  (let ((c (%parameter-converter p)))
    (%swapped-extent %param-swap! (cons p (if c (c v) v)) thunk)))
;; Runs `thunk` with `(swap! cell)` on entering and on leaving its extent: the swap installs
;; what the cell holds and keeps what it replaced there (parameterize, with-output-to-string).
(define (%swapped-extent swap! cell thunk)
  (let ((swap (lambda () (swap! cell))))
    (dynamic-wind swap thunk swap)))
(define (%param-swap! cell)
  (let* ((p (car cell)) (now (p)))
    (%param-set! p (cdr cell))
    (set-cdr! cell now)))
(define (%parameterize-many ps vs thunk)
  (let ((new (map (lambda (p v)
                    (let ((c (%parameter-converter p))) (if c (c v) v)))
                  ps vs))
        (old #f))
    (dynamic-wind
     (lambda () (set! old (map (lambda (p) (p)) ps)) (for-each %param-set! ps new))
     thunk
     (lambda () (set! new (map (lambda (p) (p)) ps)) (for-each %param-set! ps old)))))

(define (%case-lambda procs)
  ;; The procedure reaches itself through a cell, to name itself in an arity error: bound by
  ;; a letrec, it would print with that name instead of as anonymous.
  (let ((cell (vector #f)))
    (vector-set! cell 0
                 (lambda args
                   (let ((n (length args)))
                     (let loop ((ps procs))
                       (cond ((null? ps) (%case-lambda-mismatch (vector-ref cell 0) procs n))
                             ((procedure-arity-matches? (car ps) n) (apply (car ps) args))
                             (else (loop (cdr ps))))))))
    (vector-ref cell 0)))
;; csi's errors: fewer arguments than every clause takes is an arity error, naming the
;; fewest a clause takes; any other mismatch is "no matching clause".
(define (%case-lambda-mismatch self procs n)
  (define (takes? k) (let any ((ps procs)) (and (pair? ps) (or (procedure-arity-matches? (car ps) k) (any (cdr ps))))))
  (let fewest ((k 0))
    (cond ((or (null? procs) (and (<= k n) (takes? k)))
           (error "no matching clause in call to 'case-lambda' form"))
          ((and (> k n) (takes? k))
           (abort (%make-exn '(arity) (string-append "too few arguments - received " (number->string n)
                                                     " but expected " (number->string k))
                             (list self))))
          (else (fewest (+ k 1))))))

(define (make-promise v) (if (promise? v) v (%make-promise #t v)))
(define (force p)
  (if (promise? p)
      (let loop ()
        (if (%promise-done? p)
            (%promise-value p)
            (let ((p2 ((%promise-value p))))
              (if (not (%promise-done? p)) (%promise-update! p2 p))
              (loop))))
      p))

(define (eval x . env) (if (pair? env) (%eval x (car env)) (%eval x)))
(define (load file . rest)
  ;; (load file [evaluator]): each form read goes to the evaluator (default: eval).
  (let ((source (%open-source file))
        (evaluate (if (and (pair? rest) (car rest)) (car rest) %eval)))
    (if (load-verbose) (begin (display "; loading ") (display file) (display " ...") (newline)))
    (dynamic-wind (lambda () (%push-load-file file))
                  (lambda ()
                    (let loop ()
                      (let ((d (%read-source source)))
                        (if (not (eof-object? d)) (begin (evaluate d) (loop))))))
                  %pop-load-file)))
;; (chicken sort): DAG entries are (node neighbour ...); every node comes before its
;; neighbours. Entries are visited last first, as CHICKEN's does, so unrelated chains keep
;; their order; a cycle is an error.
(define (topological-sort dag pred)
  (let ((done '()) (result '()))
    (define (member? x l) (let loop ((l l)) (and (pair? l) (or (pred x (car l)) (loop (cdr l))))))
    (define (edges node)
      (let loop ((d dag) (acc '()))
        (cond ((null? d) acc)
              ((pred node (caar d)) (loop (cdr d) (append acc (cdar d))))
              (else (loop (cdr d) acc)))))
    (define (visit node path)
      (cond ((member? node path) (error 'topological-sort "cycle detected" node))
            ((member? node done) #f)
            (else (for-each (lambda (n) (visit n (cons node path))) (edges node))
                  (set! done (cons node done))
                  (set! result (cons node result)))))
    (for-each (lambda (entry) (visit (car entry) '())) (reverse dag))
    result))
;; (chicken csi): the editor ,e would run (none by default).
(define editor-command (make-parameter #f))
(define (%make-converted-parameter value converter) (%make-parameter (converter value) converter))
(define (%and-let*-expand form r c)
     (let ((body (cddr form)))
       (let loop ((cs (cadr form)))
         (if (null? cs)
             (if (null? body) #t `(,(r 'let) () ,@body))
             (let ((cl (car cs)) (last? (and (null? (cdr cs)) (null? body))))
               (define (then test) (if last? test `(,(r 'if) ,test ,(loop (cdr cs)) #f)))
               (cond ((%identifier? cl) (then cl))
                     ((and (pair? cl) (null? (cdr cl))) (then (car cl)))
                     ((and (pair? cl) (%identifier? (car cl)) (pair? (cdr cl)) (null? (cddr cl)))
                      `(,(r 'let) ((,(car cl) ,(cadr cl))) ,(then (car cl))))
                     (else (error "malformed and-let* clause" cl))))))))
(define (%define-record-expand form rename compare)
     (let* ((name (strip-syntax (cadr form)))
            (slots (map strip-syntax (cddr form)))
            (slot-name (lambda (s) (if (pair? s) (cadr s) s)))
            (sym (lambda parts (string->symbol (apply string-append (map (lambda (p) (if (symbol? p) (symbol->string p) p)) parts)))))
            (type (sym "%" name "-record-type")))
       `(,(rename 'begin)
         (,(rename 'define) ,type (,(rename '%make-record-type) ',name ',(map slot-name slots)))
         (,(rename 'define) ,name ',name)
         (,(rename 'define) (,(sym "make-" name) ,@(map slot-name slots))
          (,(rename '%make-record) ,type ,@(map slot-name slots)))
         (,(rename 'define) (,(sym name "?") x) (,(rename '%record?) x ,type))
         ,@(map (lambda (s)
                  (let ((get (sym name "-" (slot-name s))))
                    (if (pair? s)
                        `(,(rename '%define-record-fields) ,type (,(slot-name s) ,get (setter ,get)))
                        `(,(rename '%define-record-fields) ,type (,(slot-name s) ,get ,(sym name "-" (slot-name s) "-set!"))))))
                slots))))
(define (%cut form r c once?)
  (let loop ((xs (cdr form)) (params '()) (call '()) (lets '()))
    (define (finish formals body)
      (let ((proc `(,(r 'lambda) ,formals ,body)))
        (if (null? lets) proc `(,(r 'let) ,(reverse lets) ,proc))))
    (cond ((null? xs) (finish (reverse params) (reverse call)))
          ((c (car xs) (r '<>))
           (let ((p (gensym))) (loop (cdr xs) (cons p params) (cons p call) lets)))
          ((and (c (car xs) (r '<...>)) (null? (cdr xs)))
           (let ((rest (gensym)))
             (finish (append (reverse params) rest) `(,(r 'apply) ,@(reverse call) ,rest))))
          ((and once? (pair? (car xs)))
           (let ((t (gensym))) (loop (cdr xs) params (cons t call) (cons (list t (car xs)) lets))))
          (else (loop (cdr xs) params (cons (car xs) call) lets)))))
;; srfi-10: #,(name arg ...) reads as (apply ctor args), with ctor from define-reader-ctor.
(define %reader-ctors '())
(define (define-reader-ctor name proc)
  (set! %reader-ctors (cons (cons name proc) %reader-ctors))
  (set-sharp-read-syntax!
   #\,
   (lambda (port)
     (let ((form (read port)))
       (if (not (and (pair? form) (list? form))) (error 'read "invalid sharp-comma form" form))
       (let ((c (assq (car form) %reader-ctors)))
         (if (not c) (error 'read "undefined sharp-comma constructor" (car form)))
         (apply (cdr c) (cdr form)))))))
;; A built-in library is there already; another is loaded from NAME.scm, found as import
;; finds it.
(define (%require-library name)
  (if (not (%library-known? name))
      (let ((file (%find-source-file (string-append (symbol->string name) ".scm"))))
        (if file (load file) (error 'require-library "cannot load extension" name)))))
;; (chicken load)'s run-time require: each extension as require-library loads it.
(define (require . names) (for-each %require-library names))
;; (load-noisily file #!key evaluator time printer): load, writing each form's values;
;; `printer' sees each form first, `time' times each.
(define (load-noisily file #!key (evaluator eval) time printer)
  (load file
        (lambda (form)
          (if printer (printer form))
          (call-with-values
            (lambda () (if time (%time (lambda () (evaluator form))) (evaluator form)))
            (lambda results (for-each (lambda (r) (write r) (newline)) results))))))
;; CHICKEN internals that programs and CHICKEN's own tests call by name.
(define (##sys#print-to-string parts)      ; what #<#TAG here strings read as
  (with-output-to-string (lambda () (for-each display parts))))
(define (##sys#values . vals) (apply values vals))
(define (##sys#call-with-values producer consumer) (call-with-values producer consumer))
(define (##sys#apply f . args) (apply apply f args))
(define (load-relative file . rest)
  (load (%relative-to-load-file file)))

;;; Conditions

(define (condition-predicate kind) (lambda (c) (%condition-has-kind? c kind)))
(define (condition-property-accessor kind prop . default)
  (lambda (c) (%get-condition-property c kind prop default)))
(define (get-condition-property c kind prop . default)
  (%get-condition-property c kind prop default))
(define (%get-condition-property c kind prop default)
  (let ((r (%condition-property c kind prop)))
    (cond (r (car r))
          ((pair? default) (car default))
          ;; As csi: (exn type), located at condition-property-accessor, the property the irritant.
          (else (%type-error 'condition-property-accessor prop "condition has no such property")))))
(define (%condition-kinds-match? c kinds)
  (if (condition? c)
      (let loop ((ks kinds))
        (or (null? ks) (and (%condition-has-kind? c (car ks)) (loop (cdr ks)))))
      (null? kinds)))
(define (error-object? x) (condition? x))
(define (error-object-message c)
  (if (%condition-has-kind? c 'exn) (get-condition-property c 'exn 'message "") ""))
(define (error-object-irritants c)
  (if (%condition-has-kind? c 'exn) (get-condition-property c 'exn 'arguments '()) '()))
(define (file-error? c) (and (condition? c) (%condition-has-kind? c 'file)))
(define (read-error? c) (and (condition? c) (%condition-has-kind? c 'syntax)))
;; CHICKEN's (condition '(KIND PROP VALUE ...) ...): a condition with those kinds and properties.
(define (condition . kinds)
  (if (null? kinds) (error 'condition "no condition kinds given"))
  (apply make-composite-condition (map (lambda (k) (apply make-property-condition k)) kinds)))
;; CHICKEN's (syntax-error [LOCATION] MESSAGE ARGUMENT ...): an (exn syntax) error.
(define (syntax-error . args)
  (let* ((loc (and (pair? args) (symbol? (car args)) (car args)))
         (args (if loc (cdr args) args)))
    (if (or (null? args) (not (string? (car args)))) (%type-error 'syntax-error (if (pair? args) (car args) args)))
    (signal (make-composite-condition
             (make-property-condition 'exn 'message (car args) 'arguments (cdr args) 'location loc)
             (make-property-condition 'syntax)))))
;; (chicken load)'s record of provided extensions: `provide` and `provided?`.
(define %provided '())
(define (provide . ids) (set! %provided (append ids %provided)) (void))
(define (provided? . ids) (every (lambda (id) (and (memq id %provided) #t)) ids))
(define (print-error-message c . rest)
  ;; CHICKEN writes to the current output port and starts on a new line. A condition without
  ;; an exn message shows its kinds, with no newline after them; a string shows as text.
  (let ((port (if (pair? rest) (car rest) (current-output-port)))
        (header (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) "Error")))
    (display (string-append "\n" header ": ") port)
    (cond ((and (condition? c) (not (%condition-has-kind? c 'exn)))
           (let ((kinds (map car (condition->list c))))
             (if (equal? kinds '(user-interrupt))
                 (display "*** user interrupt ***" port)
                 (begin (display "<condition> " port) (display kinds port)))))
          ((string? c) (display c port) (newline port))
          (else (display (%error-text c) port) (newline port)))))

;;; Records

(define (%record-accessor t f)
  (let ((i (%record-field-index t f))) (lambda (r) (%record-ref r t i))))
(define (%record-modifier t f)
  (let ((i (%record-field-index t f))) (lambda (r v) (%record-set! r t i v))))
(define (%make-record-fields t names values)
  (let ((r (%make-record t)))
    (let loop ((ns names) (vs values))
      (if (null? ns)
          r
          (begin (%record-set! r t (%record-field-index t (car ns)) (car vs))
                 (loop (cdr ns) (cdr vs)))))))

;;; Parameters and ports

(define (%param-set! p v)
  (if (%parameter? p) (%parameter-set! p v) (p v)))
(define (with-output-to-string thunk)
  (let ((port (open-output-string)))
    (%with-current-port 'output port thunk)
    (get-output-string port)))
(define (call-with-output-string proc)
  (let ((port (open-output-string)))
    (proc port)
    (get-output-string port)))
(define (with-input-from-string s thunk)
  (%with-current-port 'input (open-input-string s) thunk))
(define (call-with-input-string s proc) (proc (open-input-string s)))
(define (with-error-output-to-string thunk)
  (let ((port (open-output-string)))
    (%with-current-port 'error port thunk)
    (get-output-string port)))
;; The port is current for the dynamic extent of `thunk`, as parameterize of
;; current-output-port (or -input-, -error-) makes it, without the general parameter path:
;; one native swap on entering and one on leaving (PortExtrasPrimitives.swift).
(define (%with-current-port which port thunk)
  (%swapped-extent %swap-current-port! (cons which port) thunk))

;;; Lists

(define (map f l . ls)
  (if (null? ls)
      ;; One test more than the loop needs (each costs map ~2 %, measured): no `or`.
      (if (pair? l)
          (if (%leaf-procedure? f)
              (%map-leaf f l)  ; a primitive such as car: called from Swift
              (let loop ((l l) (acc '()))
                (if (pair? l) (loop (cdr l) (cons (f (car l)) acc)) (reverse! acc))))
          (if (null? l) '() (%not-a-list l 'map)))
      (if (null? (cdr ls))
          ;; Two lists, the common case of several: no argument lists to build.
          (let loop ((a l) (b (car ls)) (acc '()))
            (if (and (pair? a) (pair? b))
                (loop (cdr a) (cdr b) (cons (f (car a) (car b)) acc))
                (begin (%split-row (list a b) 'map) (reverse! acc))))  ; raises for a dotted list
          (let loop ((ls (cons l ls)) (acc '()))
            (let ((row (%split-row ls 'map '())))
              (if row (loop (cdr row) (cons (apply f (car row)) acc)) (reverse! acc)))))))
(define (for-each f l . ls)
  (if (null? ls)
      (if (pair? l)
          (if (%leaf-procedure? f)
              (%for-each-leaf f l)
              (let loop ((l l))
                (if (pair? l) (begin (f (car l)) (loop (cdr l))))))
          (if (not (null? l)) (%not-a-list l 'for-each)))
      (if (null? (cdr ls))
          (let loop ((a l) (b (car ls)))
            (if (and (pair? a) (pair? b))
                (begin (f (car a) (car b)) (loop (cdr a) (cdr b)))
                (if (%split-row (list a b) 'for-each) #f)))  ; it can only raise here
          (let loop ((ls (cons l ls)))
            (let ((row (%split-row ls 'for-each '())))
              (if row (begin (apply f (car row)) (loop (cdr row)))))))))
;; As CHICKEN's map and for-each: one list must start as a list (a dotted tail just ends
;; it); of several, the first that is not a pair ends the walk if it is (), else it is an
;; error.
(define (%check-list-start l who)
  (if (not (or (pair? l) (null? l))) (%not-a-list l who)))
(define (%not-a-list l who) (%type-error who l "bad argument type - not a list"))
;; The step of the walks over several lists is native (ListPrimitives.swift):
;; `(%split-row ls who tail)` is the cars of the lists `ls` (followed by `tail`) paired
;; with their cdrs, or #f once one list ends.
(define (member x l . p)
  (if (null? p)
      (%member x l)
      (let ((same (car p)))
        (let loop ((l l))
          (cond ((null? l) #f)
                ((not (pair? l)) (%type-error 'member l))
                ((same x (car l)) l)
                (else (loop (cdr l))))))))
(define (assoc x l . p)
  (if (null? p)
      (%assoc x l)
      (let ((same (car p)))
        (let loop ((l l))
          (cond ((null? l) #f)
                ((not (pair? l)) (%type-error 'assoc l))
                ((same x (caar l)) (car l))
                (else (loop (cdr l))))))))
;; map, for-each, filter, fold, foldl, any, every and find over one list call a leaf
;; primitive from Swift (`%walk-leaf`, ListWalkPrimitives.swift); `%walk-from` is where the
;; walk hands over: from the element whose call did not return, with its state so far.
(define (%walk-from mode f l state)
  (case mode
    ((map) (let loop ((l l) (acc state)) (if (pair? l) (loop (cdr l) (cons (f (car l)) acc)) (reverse! acc))))
    ((for-each) (let loop ((l l)) (if (pair? l) (begin (f (car l)) (loop (cdr l))))))
    ((filter)
     (let loop ((l l) (acc state))
       (cond ((null? l) (reverse! acc)) ((f (car l)) (loop (cdr l) (cons (car l) acc))) (else (loop (cdr l) acc)))))
    ((fold) (let loop ((l l) (acc state)) (if (pair? l) (loop (cdr l) (f (car l) acc)) acc)))
    ((foldl) (let loop ((l l) (acc state)) (if (pair? l) (loop (cdr l) (f acc (car l))) acc)))
    ((any) (let loop ((l l)) (and (pair? l) (or (f (car l)) (loop (cdr l))))))
    ((every) (let loop ((l l) (last state)) (if (pair? l) (let ((r (f (car l)))) (and r (loop (cdr l) r))) last)))
    (else (let loop ((l l)) (cond ((not (pair? l)) #f) ((f (car l)) (car l)) (else (loop (cdr l))))))))  ; find
(define (%walk mode f l state)
  (if (%leaf-procedure? f) (%walk-leaf mode f l state) (%walk-from mode f l state)))
(define (filter pred l) (%walk 'filter pred l '()))
(define (remove pred l) (filter (lambda (x) (not (pred x))) l))
(define (fold f acc l . ls)
  (if (null? ls)
      (%walk 'fold f l acc)
      (let loop ((ls (cons l ls)) (acc acc))
        (let ((row (%split-row ls #f (list acc))))
          (if row (loop (cdr row) (apply f (car row))) acc)))))
(define (fold-right f acc l . ls)
  (if (null? ls)
      (let loop ((l (reverse l)) (acc acc)) (if (pair? l) (loop (cdr l) (f (car l) acc)) acc))
      (let loop ((rows (reverse (%rows (cons l ls)))) (acc acc))
        (if (pair? rows) (loop (cdr rows) (apply f (append (car rows) (list acc)))) acc))))
;; The lists' elements side by side, as far as the shortest list goes: ((a1 b1) (a2 b2) ...).
(define (%rows ls)
  (let loop ((ls ls) (acc '()))
    (let ((row (%split-row ls #f '()))) (if row (loop (cdr row) (cons (car row) acc)) (reverse! acc)))))
(define (foldl f z lst) (%check-list-start lst 'foldl) (%walk 'foldl f lst z))
;; Parameters named as csi prints them. As csi's: a list is required, a dotted tail ignored.
(define (foldr f z lst)
  (%check-list-start lst 'foldr)
  (let loop ((l (let rev ((l lst) (acc '())) (if (pair? l) (rev (cdr l) (cons (car l) acc)) acc))) (acc z))
    (if (pair? l) (loop (cdr l) (f (car l) acc)) acc)))
(define (reduce f ridentity l)
  (if (null? l) ridentity (fold f (car l) (cdr l))))
(define (any pred l . ls)
  (if (null? ls)
      (%walk 'any pred l #f)
      (let loop ((ls (cons l ls)))
        (let ((row (%split-row ls #f '()))) (and row (or (apply pred (car row)) (loop (cdr row))))))))
(define (every pred l . ls)
  (if (null? ls)
      (%walk 'every pred l #t)
      (let loop ((ls (cons l ls)) (last #t))
        (let ((row (%split-row ls #f '())))
          (if row (let ((r (apply pred (car row)))) (and r (loop (cdr row) r))) last)))))
(define (find pred l) (%walk 'find pred l #f))
(define (find-tail pred l) (let loop ((l l)) (cond ((not (pair? l)) #f) ((pred (car l)) l) (else (loop (cdr l))))))
(define (list-index pred l . ls)
  (if (null? ls)
      (let loop ((l l) (i 0)) (cond ((not (pair? l)) #f) ((pred (car l)) i) (else (loop (cdr l) (+ i 1)))))
      (let loop ((rows (%rows (cons l ls))) (i 0))
        (cond ((null? rows) #f) ((apply pred (car rows)) i) (else (loop (cdr rows) (+ i 1)))))))
(define (filter-map f l . ls)
  (if (null? ls)
      (let loop ((l l) (acc '()))
        (if (pair? l) (let ((v (f (car l)))) (loop (cdr l) (if v (cons v acc) acc))) (reverse! acc)))
      (let loop ((rows (%rows (cons l ls))) (acc '()))
        (if (pair? rows) (let ((v (apply f (car rows)))) (loop (cdr rows) (if v (cons v acc) acc))) (reverse! acc)))))
(define (append-map f l . ls) (concatenate (apply map f l ls)))
(define (delete x l . p)
  (let ((same (if (pair? p) (car p) equal?))) (filter (lambda (y) (not (same x y))) l)))
(define (delete-duplicates l . p)
  (let ((same (if (pair? p) (car p) equal?)))
    (let loop ((l l) (acc '()))
      (cond ((null? l) (reverse acc))
            ((member (car l) acc same) (loop (cdr l) acc))
            (else (loop (cdr l) (cons (car l) acc)))))))
(define (last l) (car (last-pair l)))
(define (vector-map f v . vs)
  (list->vector (apply map f (vector->list v) (map vector->list vs))))
(define (vector-for-each f v . vs)
  (apply for-each f (vector->list v) (map vector->list vs)))
(define (string-map f s . ss)
  (list->string (apply map f (string->list s) (map string->list ss))))
(define (string-for-each f s . ss)
  (apply for-each f (string->list s) (map string->list ss)))
(define (identity x) x)
;;; Sorting: a stable bottom-up merge sort on a vector (lists are copied into one), so a
;;; million elements need no deep recursion.
(define (sort seq less?)
  (if (vector? seq)
      (let ((v (vector-copy seq))) (%sort-vector! v less?) v)
      (let ((v (list->vector seq))) (%sort-vector! v less?) (vector->list v))))
(define (sort! seq less?)
  (if (vector? seq)
      (begin (%sort-vector! seq less?) seq)
      (let ((v (list->vector seq)))
        (%sort-vector! v less?)
        (let loop ((p seq) (i 0))
          (when (pair? p) (set-car! p (vector-ref v i)) (loop (cdr p) (+ i 1))))
        seq)))
(define (%sort-vector! v less?)
  (unless (%sort-vector-natively! v less?)
    (%merge-sort-vector! v less?)))
(define (%merge-sort-vector! v less?)
  (let* ((n (vector-length v)) (tmp (make-vector n)))
    (define (merge! from to lo mid hi)
      (let loop ((i lo) (j mid) (k lo))
        (cond ((and (< i mid) (< j hi))
               (if (less? (vector-ref from j) (vector-ref from i))
                   (begin (vector-set! to k (vector-ref from j)) (loop i (+ j 1) (+ k 1)))
                   (begin (vector-set! to k (vector-ref from i)) (loop (+ i 1) j (+ k 1)))))
              ((< i mid) (vector-set! to k (vector-ref from i)) (loop (+ i 1) j (+ k 1)))
              ((< j hi) (vector-set! to k (vector-ref from j)) (loop i (+ j 1) (+ k 1))))))
    (let pass ((width 1) (from v) (to tmp))
      (if (< width n)
          (begin
            (let run ((lo 0))
              (when (< lo n)
                (let* ((mid (min n (+ lo width))) (hi (min n (+ mid width))))
                  (merge! from to lo mid hi)
                  (run hi))))
            (pass (* width 2) to from))
          (unless (eq? from v) (vector-copy! v 0 from))))))
(define (merge a b less?)
  (let loop ((a a) (b b) (acc '()))
    (cond ((null? a) (append-reverse! acc b))
          ((null? b) (append-reverse! acc a))
          ((less? (car b) (car a)) (loop a (cdr b) (cons (car b) acc)))
          (else (loop (cdr a) b (cons (car a) acc))))))
(define (merge! a b less?) (merge a b less?))
(define (append-reverse! rev tail)
  (if (null? rev) tail (let ((next (cdr rev))) (set-cdr! rev tail) (append-reverse! next rev))))
(define (append-reverse rev tail) (if (null? rev) tail (append-reverse (cdr rev) (cons (car rev) tail))))
(define (sorted? seq less?)
  (let ((l (if (vector? seq) (vector->list seq) seq)))
    (or (null? l)
        (let loop ((prev (car l)) (l (cdr l)))
          (or (null? l) (and (not (less? (car l) prev)) (loop (car l) (cdr l))))))))
(define (list-head l k)
  (let loop ((l l) (k k) (acc '())) (if (= k 0) (reverse! acc) (loop (cdr l) (- k 1) (cons (car l) acc)))))

;;; srfi-1 and (chicken base) list helpers
(define (first l) (car l))
(define (second l) (cadr l))
(define (third l) (caddr l))
(define (fourth l) (cadddr l))
(define (fifth l) (list-ref l 4))
(define (sixth l) (list-ref l 5))
(define (seventh l) (list-ref l 6))
(define (eighth l) (list-ref l 7))
(define (ninth l) (list-ref l 8))
(define (tenth l) (list-ref l 9))
(define (partition pred l)
  (let loop ((l l) (in '()) (out '()))
    (cond ((null? l) (values (reverse! in) (reverse! out)))
          ((pred (car l)) (loop (cdr l) (cons (car l) in) out))
          (else (loop (cdr l) in (cons (car l) out))))))
(define (take l k) (list-head l k))
(define (drop l k) (list-tail l k))
(define (take-while pred l)
  (let loop ((l l) (acc '())) (if (and (pair? l) (pred (car l))) (loop (cdr l) (cons (car l) acc)) (reverse! acc))))
(define (drop-while pred l) (let loop ((l l)) (if (and (pair? l) (pred (car l))) (loop (cdr l)) l)))
(define (span pred l) (values (take-while pred l) (drop-while pred l)))
(define (break pred l) (span (lambda (x) (not (pred x))) l))
(define (count pred l . ls)
  (if (null? ls)
      (let loop ((l l) (n 0)) (if (pair? l) (loop (cdr l) (if (pred (car l)) (+ n 1) n)) n))
      (let loop ((ls (cons l ls)) (n 0))
        (let ((row (%split-row ls #f '())))
          (if row (loop (cdr row) (if (apply pred (car row)) (+ n 1) n)) n)))))
(define (append! . ls) (apply append ls))
(define (alist-copy al) (map (lambda (p) (if (pair? p) (cons (car p) (cdr p)) p)) al))
(define (join ls . sep)
  (let ((sep (if (pair? sep) (car sep) '())))
    (%check-list-start sep 'join)
    (if (null? ls) '()
        (let loop ((ls ls) (acc '()))
          (if (not (pair? ls)) (%type-error #f ls "bad argument type - not a proper list"))
          (if (null? (cdr ls))
              (apply append (reverse! (cons (car ls) acc)))
              (loop (cdr ls) (cons sep (cons (car ls) acc))))))))
(define (alist-ref key al . rest)
  (if (not (list? al)) (%type-error 'assv al))       ; as CHICKEN reports it
  (let* ((test (if (pair? rest) (car rest) eqv?))
         (default (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) #f))
         ;; The standard tests go through assq/assv/assoc, whose errors CHICKEN reports.
         (p (cond ((eq? test eqv?) (assv key al))
                  ((eq? test eq?) (assq key al))
                  ((eq? test equal?) (assoc key al))
                  (else (assoc key al test)))))
    (if p (cdr p) default)))
(define (%alist-update/test key val al test)
  ;; alist-update with a test of the program's own (the standard ones are native:
  ;; ListUtilityPrimitives.swift). As CHICKEN's: the entries before the match are copied.
  (let loop ((l al) (acc '()))
    (cond ((null? l) (append-reverse! acc (list (cons key val))))
          ((not (pair? l)) (error 'alist-update "bad argument type" l))
          ((not (pair? (car l))) (error 'alist-update "bad argument type" (car l)))
          ((test key (caar l)) (append-reverse! acc (cons (cons key val) (cdr l))))
          (else (loop (cdr l) (cons (cons (caar l) (cdar l)) acc))))))
(define (alist-update! key val al . rest)
  (let* ((test (if (pair? rest) (car rest) eqv?)) (p (assoc key al test)))
    (if p (begin (set-cdr! p val) al) (cons (cons key val) al))))
(define (%rassoc/test x al test)
  ;; rassoc with a test of the program's own (see %alist-update/test).
  (%check-list-start al 'rassoc)
  (let loop ((l al))
    (and (pair? l)
         (let ((a (car l)))
           (if (not (pair? a)) (%type-error 'rassoc a "bad argument type - not a pair"))
           (if (test x (cdr a)) a (loop (cdr l)))))))
(define (atom? x) (not (pair? x)))
(define (each . procs)
  (if (and (pair? procs) (null? (cdr procs)))
      (car procs)                                   ; one procedure is itself, as in CHICKEN
      (lambda args (let loop ((ps procs) (r (void))) (if (null? ps) r (loop (cdr ps) (apply (car ps) args)))))))
(define (constantly . xs) (lambda args (apply values xs)))
(define (complement p) (lambda args (not (apply p args))))
(define (compose . fs)
  (if (null? fs) values
      (let loop ((fs fs))
        (if (null? (cdr fs)) (car fs)
            (let ((f (car fs)) (g (loop (cdr fs)))) (lambda args (call-with-values (lambda () (apply g args)) f)))))))
(define (o . fs) (apply compose fs))
(define (conjoin . ps) (lambda (x) (let loop ((ps ps)) (or (null? ps) (and ((car ps) x) (loop (cdr ps)))))))
(define (disjoin . ps) (lambda (x) (let loop ((ps ps)) (and (pair? ps) (or ((car ps) x) (loop (cdr ps)))))))
(define (flip f) (lambda (a b . rest) (apply f b a rest)))
(define (list-of? pred) (lambda (l) (let loop ((l l)) (cond ((null? l) #t) ((pair? l) (and (pred (car l)) (loop (cdr l)))) (else #f)))))
(define (floor/ n d) (values (floor-quotient n d) (floor-remainder n d)))
(define (truncate/ n d) (values (truncate-quotient n d) (truncate-remainder n d)))

;;; Strings (chicken string) written in Scheme over the native primitives
(define (->string x)
  (cond ((string? x) x)
        ((symbol? x) (symbol->string x))
        ((char? x) (string x))
        ((number? x) (number->string x))
        (else (let ((p (open-output-string))) (display x p) (get-output-string p)))))
;; `conc` is native for strings, symbols, characters and numbers; it hands anything else here.
(define (%conc/display . xs) (apply string-append (map ->string xs)))
(define (string-join strs . rest)
  (let ((sep (if (pair? rest) (car rest) " "))
        (grammar (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) 'infix)))
    (case grammar
      ((infix strict-infix) (string-intersperse strs sep))
      ((suffix) (apply string-append (map (lambda (s) (string-append s sep)) strs)))
      ((prefix) (apply string-append (map (lambda (s) (string-append sep s)) strs)))
      (else (error 'string-join "invalid grammar" grammar)))))
(define (string-chomp s . suffix)
  (let ((suf (if (pair? suffix) (car suffix) "\n")))
    (if (not (string? s)) (%type-error 'string-chomp s "bad argument type - not a string"))
    (if (not (string? suf)) (%type-error 'string-chomp suf "bad argument type - not a string"))
    (if (string-suffix? suf s) (substring s 0 (- (string-length s) (string-length suf))) s)))
(define (string-compare3 a b) (cond ((string<? a b) -1) ((string>? a b) 1) (else 0)))
(define (string-compare3-ci a b) (cond ((string-ci<? a b) -1) ((string-ci>? a b) 1) (else 0)))
(define (reverse-list->string l) (list->string (reverse l)))
(define (reverse-string-append l) (apply string-append (reverse l)))
;; srfi-13's padding and trimming take an optional START END after their own arguments:
;; the span of `s` they work on.
(define (%span-of loc s rest)
  (if (null? rest) s (receive (start end) (%string-span loc s rest) (substring s start end))))
(define (string-pad s n . rest)
  (let* ((c (if (pair? rest) (car rest) #\space))
         (s (%span-of 'string-pad s (if (pair? rest) (cdr rest) '())))
         (len (string-length s)))
    (if (>= len n) (substring s (- len n) len) (string-append (make-string (- n len) c) s))))
(define (string-pad-right s n . rest)
  (let* ((c (if (pair? rest) (car rest) #\space))
         (s (%span-of 'string-pad-right s (if (pair? rest) (cdr rest) '())))
         (len (string-length s)))
    (if (>= len n) (substring s 0 n) (string-append s (make-string (- n len) c)))))
(define (%trim-pred rest) (if (pair? rest) (%char-test 'string-trim (car rest)) char-whitespace?))
(define (string-trim s . rest)
  (let ((p? (%trim-pred rest)) (s (%span-of 'string-trim s (if (pair? rest) (cdr rest) '()))))
    (let ((n (string-length s)))
      (let loop ((i 0)) (if (and (< i n) (p? (string-ref s i))) (loop (+ i 1)) (substring s i n))))))
(define (string-trim-right s . rest)
  (let ((p? (%trim-pred rest)) (s (%span-of 'string-trim-right s (if (pair? rest) (cdr rest) '()))))
    (let loop ((i (string-length s))) (if (and (> i 0) (p? (string-ref s (- i 1)))) (loop (- i 1)) (substring s 0 i)))))
(define (string-trim-both s . rest)
  (let ((s (%span-of 'string-trim-both s (if (pair? rest) (cdr rest) '())))
        (test (if (pair? rest) (list (car rest)) '())))
    (apply string-trim (apply string-trim-right s test) test)))

;;; Hash tables (srfi-69): the procedures that call back into Scheme
(define (hash-table-ref ht key . rest)
  (let ((v (%hash-table-ref ht key)))
    (cond ((not (eq? v (%missing))) (if (and (pair? rest) (pair? (cdr rest))) ((cadr rest) v) v))
          ((pair? rest) ((car rest)))
          (else (error 'hash-table-ref "key not found" key)))))
(define (hash-table-update! ht key proc . rest)
  (hash-table-set! ht key (proc (apply hash-table-ref ht key rest))))
(define (hash-table-update!/default ht key proc default)
  (let ((v (%hash-table-ref ht key)))
    (hash-table-set! ht key (proc (if (eq? v (%missing)) default v)))))
(define (hash-table-walk ht proc) (for-each (lambda (p) (proc (car p) (cdr p))) (hash-table->alist ht)))
(define (hash-table-fold ht proc seed)
  (let loop ((l (hash-table->alist ht)) (acc seed)) (if (null? l) acc (loop (cdr l) (proc (caar l) (cdar l) acc)))))
(define (hash-table-map ht proc) (map (lambda (p) (proc (car p) (cdr p))) (hash-table->alist ht)))
(define (hash-table-for-each ht proc) (hash-table-walk ht proc))
(define (alist->hash-table al . rest)
  (let ((ht (apply make-hash-table rest)))
    (for-each (lambda (p) (unless (hash-table-exists? ht (car p)) (hash-table-set! ht (car p) (cdr p)))) al)
    ht))
(define (hash-table-merge! a b) (hash-table-walk b (lambda (k v) (hash-table-set! a k v))) a)

;;; Custom ports (make-input-port): the line and string readers over read-char/peek-char
(define (%custom-peek p) (%custom-set-peeked! p (read-char p)))
(define (%custom-read-line p limit)
  (let loop ((acc '()) (n 0))
    (let ((c (if (and limit (>= n limit)) #\newline (read-char p))))
      (cond ((eof-object? c) (if (null? acc) c (list->string (reverse! acc))))
            ((char=? c #\newline) (list->string (reverse! acc)))
            ((char=? c #\return)
             (if (eqv? (peek-char p) #\newline) (read-char p))
             (list->string (reverse! acc)))
            (else (loop (cons c acc) (+ n 1)))))))
(define (%custom-read-string p k)
  (let loop ((acc '()) (n 0))
    (if (and k (>= n k))
        (list->string (reverse! acc))
        (let ((c (read-char p)))
          (if (eof-object? c)
              (if (null? acc) c (list->string (reverse! acc)))
              (loop (cons c acc) (+ n 1)))))))
(define (%custom-read-lines p max)
  (let loop ((acc '()) (n 0))
    (if (and max (>= n max))
        (reverse! acc)
        (let ((l (read-line p))) (if (eof-object? l) (reverse! acc) (loop (cons l acc) (+ n 1)))))))
(define (%custom-read p)
  ;; Collect characters until, at a delimiter, they hold a complete datum.
  (let loop ((acc '()))
    (let ((c (read-char p)))
      (if (eof-object? c)
          (if (null? acc) c (read (open-input-string (list->string (reverse! acc)))))
          (let ((acc (cons c acc)))
            (if (memv c '(#\) #\" #\space #\newline #\tab))
                (let ((datum (handle-exceptions e %incomplete (read (open-input-string (list->string (reverse acc)))))))
                  (if (or (eq? datum %incomplete) (eof-object? datum)) (loop acc) datum))
                (loop acc)))))))
(define %incomplete (list 'incomplete))

;;; Files and ports
(define (call-with-input-file path proc)
  (let* ((p (open-input-file path)) (r (proc p))) (close-input-port p) r))
(define (call-with-output-file path proc)
  (let* ((p (open-output-file path)) (r (proc p))) (close-output-port p) r))
(define (with-output-to-file path thunk)
  (let ((p (open-output-file path)))
    (let ((r (parameterize ((current-output-port p)) (thunk)))) (close-output-port p) r)))
(define (with-input-from-file path thunk)
  (let ((p (open-input-file path)))
    (let ((r (parameterize ((current-input-port p)) (thunk)))) (close-input-port p) r)))
;; The port is checked first, as csi does, and named in the error with the procedure.
(define (with-output-to-port port thunk)
  (%check-port port 'output 'with-output-to-port)
  (%with-current-port 'output port thunk))
(define (with-input-from-port port thunk)
  (%check-port port 'input 'with-input-from-port)
  (%with-current-port 'input port thunk))
(define (with-error-output-to-port port thunk)
  (%check-port port 'output 'with-error-output-to-port)
  (%with-current-port 'error port thunk))
(define (port-for-each proc thunk) (let loop () (let ((x (thunk))) (unless (eof-object? x) (proc x) (loop)))))
(define (port-map proc thunk)
  (let loop ((acc '())) (let ((x (thunk))) (if (eof-object? x) (reverse! acc) (loop (cons (proc x) acc))))))
(define (port-fold proc acc thunk)
  (let loop ((acc acc)) (let ((x (thunk))) (if (eof-object? x) acc (loop (proc x acc))))))
(define (copy-port from to . rest)
  (let ((read (if (pair? rest) (car rest) read-char))
        (write (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) write-char)))
    (let loop () (let ((x (read from))) (unless (eof-object? x) (write x to) (loop))))))
(define (printf fmt . args) (display (apply sprintf fmt args)))
(define (fprintf port fmt . args) (display (apply sprintf fmt args) port))
(define (format dest . rest)
  (cond ((string? dest) (apply sprintf dest rest))
        ((not dest) (apply sprintf rest))
        ((eq? dest #t) (display (apply sprintf rest)))
        (else (display (apply sprintf rest) dest))))
(define (pp x . port) (apply %pretty-print x port))
(define (warning msg . args)
  (when (enable-warnings)
  (let ((err (current-error-port)))
    (display "\nWarning: " err)
    (display msg err)
    (for-each (lambda (a) (display " " err) (write a err)) args)
    (newline err))))
(define (getter-with-setter get set) (%attach-setter! get set))
(define (setter proc) (or (%procedure-setter proc) (error 'setter "no setter defined" proc)))
;; The setters CHICKEN gives built-in accessors that have no `-set!' of their own.
(define (%set-caar! x y) (set-car! (car x) y))
(define (%set-cadr! x y) (set-car! (cdr x) y))
(define (%set-cdar! x y) (set-cdr! (car x) y))
(define (%set-cddr! x y) (set-cdr! (cdr x) y))
(define (%set-caddr! x y) (set-car! (cddr x) y))
(define (%set-cdddr! x y) (set-cdr! (cddr x) y))
(define (%set-list-ref! x i y) (set-car! (list-tail x i) y))
(define (%set-file-creation-mode! um) (file-creation-mode um) (void))
(define (bytevector-copy! to at from . range)
  (let* ((start (if (pair? range) (car range) 0))
         (end (if (and (pair? range) (pair? (cdr range))) (cadr range) (bytevector-length from)))
         (tmp (bytevector-copy from start end)))
    (do ((i 0 (+ i 1))) ((= i (- end start))) (bytevector-u8-set! to (+ at i) (bytevector-u8-ref tmp i)))))

;; (glob pattern ...): the files each pattern names, a pattern's last component matched
;; with glob->sre against its directory (which may be missing: no files, no error).
(define (glob . patterns)
  (apply append
         (map (lambda (pattern)
                (let* ((slash (let loop ((i (- (string-length pattern) 1)))
                                (cond ((< i 0) #f)
                                      ((char=? (string-ref pattern i) #\/) i)
                                      (else (loop (- i 1))))))
                       (dir (and slash (substring pattern 0 (+ slash 1))))
                       (rx (irregex (glob->sre (if slash (substring pattern (+ slash 1) (string-length pattern)) pattern)))))
                  (if (directory-exists? (or dir "."))
                      (let loop ((names (directory (or dir ".") #t)) (out '()))
                        (cond ((null? names) (reverse out))
                              ((irregex-match rx (car names))
                               (loop (cdr names) (cons (if dir (string-append dir (car names)) (car names)) out)))
                              (else (loop (cdr names) out))))
                      '())))
              patterns)))

;; (feature? id ...): whether every id (a symbol, keyword or string) names a feature.
(define (feature? . ids)
  (let ((present (features)))
    (let loop ((ids ids))
      (or (null? ids)
          (let* ((id (car ids))
                 (name (cond ((keyword? id) id)              ; (features) lists keywords
                             ((symbol? id) (string->keyword (symbol->string id)))
                             ((string? id) (string->keyword id))
                             (else (error 'feature? "bad argument type - not a symbol, keyword or string" id)))))
            (and (memq name present) (loop (cdr ids))))))))

;; (rationalize x y): the simplest rational within y of x (R7RS), inexact if either is.
(define (rationalize x y)
  (define (simplest lo hi)              ; 0 < lo <= hi
    (let ((fl (floor lo)))
      (cond ((= fl lo) fl)
            ((< fl (floor hi)) (+ fl 1))
            (else (+ fl (/ 1 (simplest (/ 1 (- hi fl)) (/ 1 (- lo fl)))))))))
  (let ((inexact (or (inexact? x) (inexact? y)))
        (y (abs y)))
    (cond ((or (nan? x) (nan? y)) +nan.0)
          ((infinite? y) (if (infinite? x) +nan.0 0.0))
          ((infinite? x) x)
          (else
           (let* ((lo (- (exact x) (exact y)))
                  (hi (+ (exact x) (exact y)))
                  (r (cond ((> lo 0) (simplest lo hi))
                           ((< hi 0) (- (simplest (- hi) (- lo))))
                           (else 0))))
             (if inexact (exact->inexact r) r))))))

;;; (chicken base) arithmetic helpers, as csi computes them.
(define (signum x)
  (if (not (number? x)) (error 'signum "bad argument type - not a number" x))
  (cond ((cplxnum? x) (/ x (magnitude x)))
        ((positive? x) (if (exact? x) 1 1.0))
        ((negative? x) (if (exact? x) -1 -1.0))
        (else x)))
(define (quotient&remainder a b) (values (quotient a b) (remainder a b)))
(define (quotient&modulo a b) (values (quotient a b) (modulo a b)))
;; equal? that compares numbers with = (so 1 and 1.0 are alike).
(define (equal=? a b)
  (cond ((and (number? a) (number? b)) (= a b))
        ((and (pair? a) (pair? b)) (and (equal=? (car a) (car b)) (equal=? (cdr a) (cdr b))))
        ((and (vector? a) (vector? b))
         (and (= (vector-length a) (vector-length b))
              (let loop ((i 0))
                (or (= i (vector-length a))
                    (and (equal=? (vector-ref a i) (vector-ref b i)) (loop (+ i 1)))))))
        (else (equal? a b))))
