// Generated from prelude.scm by scripts/gen-prelude.py: edit prelude.scm, then rerun it.
enum Prelude {
    /// Evaluated when an interpreter starts.
    static let eager = #"""
(define (%parameter-assign p v)
  (let ((converted ((%parameter-converter p) v)))
    (%parameter-set! p converted)
    converted))
(define exit-handler (make-parameter %exit))
(define (exit . status) (apply (exit-handler) status))
(define case-sensitive (make-parameter #t))
(define symbol-escape (make-parameter #t))
(define parentheses-synonyms (make-parameter #t))
(define keyword-style (make-parameter #:suffix))
(define load-verbose (make-parameter #f))
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
(define editor-command (make-parameter #f))
(define %reader-ctors '())
(define %provided '())
(define %incomplete (list 'incomplete))
(define %plists (make-hash-table eq?))
(define ##sys#windows-platform #f)
"""#

    /// Procedure and syntax definitions compiled on first reference, by name.
    static let lazy: [(name: String, source: String)] = [
        ("and", #"""
(define-syntax and
  (syntax-rules () ((_) #t) ((_ e) e) ((_ e r ...) (if e (and r ...) #f))))
"""#),
        ("or", #"""
(define-syntax or
  (syntax-rules () ((_) #f) ((_ e) e) ((_ e r ...) (let ((t e)) (if t t (or r ...))))))
"""#),
        ("when", #"""
(define-syntax when
  (syntax-rules () ((_ c e ...) (if c (begin e ...)))))
"""#),
        ("unless", #"""
(define-syntax unless
  (syntax-rules () ((_ c e ...) (if c (void) (begin e ...)))))
"""#),
        ("let*", #"""
(define-syntax let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (let* (rest ...) body ...)))))
"""#),
        ("cond", #"""
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
"""#),
        ("case", #"""
(define-syntax case
  (syntax-rules ()
    ((_ key clause ...) (let ((k key)) (%case k clause ...)))))
"""#),
        ("%case", #"""
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
"""#),
        ("do", #"""
(define-syntax do
  (syntax-rules ()
    ((_ ((var init step ...) ...) (test expr ...) command ...)
     (let %do-loop ((var init) ...)
       (if test
           (begin (void) expr ...)
           (begin command ... (%do-loop (%do-step var step ...) ...)))))))
"""#),
        ("%do-step", #"""
(define-syntax %do-step
  (syntax-rules () ((_ x) x) ((_ x y) y)))
"""#),
        ("define-constant", #"""
(define-syntax define-constant
  (syntax-rules () ((_ name expr) (define name expr))))
"""#),
        ("define-inline", #"""
(define-syntax define-inline
  (syntax-rules ()
    ((_ (name . formals) body ...) (define (name . formals) body ...))
    ((_ name expr) (define name expr))))
"""#),
        ("receive", #"""
(define-syntax receive
  (syntax-rules ()
    ((_ expr) (call-with-values (lambda () expr) list))  ; CHICKEN: the values as a list
    ((_ formals expr body ...) (call-with-values (lambda () expr) (lambda formals body ...)))))
"""#),
        ("let-values", #"""
(define-syntax let-values
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((formals expr) rest ...) body ...)
     (call-with-values (lambda () expr) (lambda formals (let-values (rest ...) body ...))))))
"""#),
        ("let*-values", #"""
(define-syntax let*-values
  (syntax-rules ()
    ((_ bindings body ...) (let-values bindings body ...))))
"""#),
        ("define-values", #"""
(define-syntax define-values
  (syntax-rules ()
    ((_ () expr) (define %dv-ignored (call-with-values (lambda () expr) (lambda args #f))))
    ((_ (var . rest) expr)
     (begin (define tmp (call-with-values (lambda () expr) list))
            (%dv-bind tmp (var . rest))))
    ((_ var expr) (define var (call-with-values (lambda () expr) list)))))
"""#),
        ("%dv-bind", #"""
(define-syntax %dv-bind
  (syntax-rules ()
    ((_ tmp ()) (begin))
    ((_ tmp (v . rest)) (begin (define v (car tmp)) (%dv-bind (cdr tmp) rest)))
    ((_ tmp v) (define v tmp))))
"""#),
        ("parameterize", #"""
(define-syntax parameterize
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((p v)) body ...) (%parameterize-one p v (lambda () body ...)))
    ((_ ((p v) ...) body ...) (%parameterize-many (list p ...) (list v ...) (lambda () body ...)))))
"""#),
        ("fluid-let", #"""
(define-syntax fluid-let
  (syntax-rules ()
    ((_ ((x v) ...) body ...)
     (let ((new (list v ...)) (old #f))
       (dynamic-wind
        (lambda () (set! old (list x ...)) (%fluid-set! (x ...) new))
        (lambda () body ...)
        (lambda () (set! new (list x ...)) (%fluid-set! (x ...) old)))))))
"""#),
        ("%fluid-set!", #"""
(define-syntax %fluid-set!
  (syntax-rules ()
    ((_ () l) (void))
    ((_ (x y ...) l) (begin (set! x (car l)) (%fluid-set! (y ...) (cdr l))))))
"""#),
        ("delay-force", #"""
(define-syntax delay-force
  (syntax-rules () ((_ e) (%make-promise #f (lambda () e)))))
"""#),
        ("delay", #"""
(define-syntax delay
  (syntax-rules () ((_ e) (delay-force (%make-promise #t e)))))
"""#),
        ("make-promise-lazy", #"""
(define-syntax make-promise-lazy (syntax-rules () ((_ e) (delay-force e))))
"""#),
        ("case-lambda", #"""
(define-syntax case-lambda
  (syntax-rules ()
    ((_ (formals body ...) ...) (%case-lambda (list (lambda formals body ...) ...)))))
"""#),
        ("assert", #"""
(define-syntax assert
  (syntax-rules ()
    ;; The value of a true assertion is the expression's, as csi answers.
    ((_ e) (let ((v e)) (if v v (error "assertion failed" 'e))))
    ((_ e msg arg ...) (let ((v e)) (if v v (error msg arg ...))))))
"""#),
        (":", #"""
(define-syntax : (syntax-rules () ((_ . declaration) (void))))
"""#),
        ("the", #"""
(define-syntax the (syntax-rules () ((_ type expression) expression)))
"""#),
        ("assume", #"""
(define-syntax assume
  (syntax-rules () ((_ ((variable type) ...) body ...) (let ((variable variable) ...) body ...))))
"""#),
        ("define-type", #"""
(define-syntax define-type (syntax-rules () ((_ . definition) (void))))
"""#),
        ("define-specialization", #"""
(define-syntax define-specialization (syntax-rules () ((_ . definition) (void))))
"""#),
        ("compiler-typecase", #"""
(define-syntax compiler-typecase
  (syntax-rules (else *)
    ((_ e (else body ...) . more) (begin e body ...))
    ((_ e (* body ...) . more) (begin e body ...))
    ((_ e clause . more) (compiler-typecase e . more))
    ((_ e) (error 'compiler-typecase "no clause applies" e))))
"""#),
        ("time", #"""
(define-syntax time
  (syntax-rules ()
    ((_ body ...) (%time (lambda () body ...)))))
"""#),
        ("define-record-type", #"""
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
"""#),
        ("%define-record-fields", #"""
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
"""#),
        ("handle-exceptions", #"""
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
"""#),
        ("condition-case", #"""
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
"""#),
        ("%condition-case-clauses", #"""
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
"""#),
        ("guard", #"""
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
"""#),
        ("%guard-clauses", #"""
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
"""#),
        ("gc", #"""
(define (gc . major) (%finalize-after (apply %gc major)))
"""#),
        ("%finalize-after", #"""
(define (%finalize-after free) (%run-finalizers) free)
"""#),
        ("set-finalizer!", #"""
(define (set-finalizer! x proc)
  (if (%set-finalizer! x proc) (gc))
  x)
"""#),
        ("%run-finalizers", #"""
(define (%run-finalizers)
  (let ((next (%next-finalizer)))
    (when next
      (handle-exceptions e (%finalizer-warning e) ((car next) (cdr next)))
      (%run-finalizers))))
"""#),
        ("include-relative", #"""
(define-syntax include-relative                ; include already looks beside the file first
  (syntax-rules () ((_ file ...) (include file ...))))
"""#),
        ("require-library", #"""
(define-syntax require-library                 ; CHICKEN 5: load without importing
  (syntax-rules () ((_ lib ...) (begin (%require-library 'lib) ...))))
"""#),
        ("and-let*", #"""
(define-syntax and-let*
  (er-macro-transformer (lambda (form r c) (%and-let*-expand form r c))))
"""#),
        ("cut", #"""
(define-syntax cut
  (er-macro-transformer
   (lambda (form r c) (%cut form r c #f))))
"""#),
        ("cute", #"""
(define-syntax cute
  (er-macro-transformer
   (lambda (form r c) (%cut form r c #t))))
"""#),
        ("letrec-values", #"""
(define-syntax letrec-values
  (syntax-rules ()
    ;; csi takes an empty body (CHICKEN's messages-test has one).
    ((_ ((formals expr) ...)) (letrec-values ((formals expr) ...) (void)))
    ((_ ((formals expr) ...) body ...)
     (let () (define-values formals expr) ... (let () body ...)))))
"""#),
        ("define-compiler-syntax", #"""
(define-syntax define-compiler-syntax (syntax-rules () ((_ name . rest) (void))))
"""#),
        ("let-compiler-syntax", #"""
(define-syntax let-compiler-syntax (syntax-rules () ((_ bindings body ...) (let () body ...))))
"""#),
        ("syntax", #"""
(define-syntax syntax (syntax-rules () ((_ x) (quote x))))
"""#),
        ("rec", #"""
(define-syntax rec
  (syntax-rules ()
    ((_ (name . formals) body ...) (letrec ((name (lambda formals body ...))) name))
    ((_ name expr) (letrec ((name expr)) name))))
"""#),
        ("nth-value", #"""
(define-syntax nth-value
  (syntax-rules () ((_ n expr) (call-with-values (lambda () expr) (lambda args (list-ref args n))))))
"""#),
        ("set!-values", #"""
(define-syntax set!-values
  (syntax-rules ()
    ((_ formals expr) (let ((tmp (call-with-values (lambda () expr) list))) (%sv-set! tmp formals)))))
"""#),
        ("%sv-set!", #"""
(define-syntax %sv-set!
  (syntax-rules ()
    ((_ tmp ()) (void))
    ((_ tmp (v . rest)) (begin (set! v (car tmp)) (%sv-set! (cdr tmp) rest)))
    ((_ tmp v) (set! v tmp))))
"""#),
        ("define-record", #"""
(define-syntax define-record
  (er-macro-transformer (lambda (form rename compare) (%define-record-expand form rename compare))))
"""#),
        ("optional", #"""
(define-syntax optional
  (syntax-rules () ((_ rest default) (let ((r rest)) (if (null? r) default (car r))))))
"""#),
        (":optional", #"""
(define-syntax :optional
  (syntax-rules () ((_ rest default) (optional rest default))))
"""#),
        ("let-optionals*", #"""
(define-syntax let-optionals*
  (syntax-rules ()
    ((_ rest () body ...) (let () body ...))
    ((_ rest ((var default) . more) body ...)
     (let* ((r rest) (var (if (null? r) default (car r))))
       (let-optionals* (if (null? r) '() (cdr r)) more body ...)))
    ((_ rest (tail) body ...) (let ((tail rest)) body ...))))
"""#),
        ("let-optionals", #"""
(define-syntax let-optionals
  (syntax-rules () ((_ rest specs body ...) (let-optionals* rest specs body ...))))
"""#),
        ("define-record-printer", #"""
(define-syntax define-record-printer
  (syntax-rules ()
    ((_ (name rec port) body ...) (set-record-printer! 'name (lambda (rec port) body ...)))
    ((_ name proc) (set-record-printer! 'name proc))))
"""#),
        ("%call-thunk", #"""
(define (%call-thunk f) (f))
"""#),
        ("call-with-values", #"""
(define (call-with-values producer consumer) (%apply-values consumer (%call-thunk producer)))
"""#),
        ("dynamic-wind", #"""
(define (dynamic-wind before thunk after)
  (before)
  (%set-winders! (cons (cons before after) (%winders)))
  (let ((results (%call-thunk thunk)))
    (%set-winders! (cdr (%winders)))
    (after)
    (%apply-values values results)))
"""#),
        ("%wind-to", #"""
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
"""#),
        ("with-exception-handler", #"""
(define (with-exception-handler handler thunk)
  (let ((hs (%handlers)))
    (%set-handlers! (cons handler hs))
    (call-with-values thunk
      (lambda results (%set-handlers! hs) (apply values results)))))
"""#),
        ("current-exception-handler", #"""
(define (current-exception-handler . new)
  (let ((hs (%handlers)))
    (cond ((pair? new) (%set-handlers! (cons (car new) (if (null? hs) hs (cdr hs)))))
          ((null? hs) %uncaught)
          (else (car hs)))))
"""#),
        ("signal", #"""
(define (signal c) (raise-continuable c))
"""#),
        ("abort", #"""
(define (abort c) (raise c))
"""#),
        ("%parameterize-one", #"""
(define (%parameterize-one p v thunk)
  (let ((c (%parameter-converter p)))
    (%swapped-extent %param-swap! (cons p (if c (c v) v)) thunk)))
"""#),
        ("%swapped-extent", #"""
(define (%swapped-extent swap! cell thunk)
  (let ((swap (lambda () (swap! cell))))
    (dynamic-wind swap thunk swap)))
"""#),
        ("%param-swap!", #"""
(define (%param-swap! cell)
  (let* ((p (car cell)) (now (p)))
    (%param-set! p (cdr cell))
    (set-cdr! cell now)))
"""#),
        ("%parameterize-many", #"""
(define (%parameterize-many ps vs thunk)
  (let ((new (map (lambda (p v)
                    (let ((c (%parameter-converter p))) (if c (c v) v)))
                  ps vs))
        (old #f))
    (dynamic-wind
     (lambda () (set! old (map (lambda (p) (p)) ps)) (for-each %param-set! ps new))
     thunk
     (lambda () (set! new (map (lambda (p) (p)) ps)) (for-each %param-set! ps old)))))
"""#),
        ("%case-lambda", #"""
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
"""#),
        ("%case-lambda-mismatch", #"""
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
"""#),
        ("make-promise", #"""
(define (make-promise v) (if (promise? v) v (%make-promise #t v)))
"""#),
        ("force", #"""
(define (force p)
  (if (promise? p)
      (let loop ()
        (if (%promise-done? p)
            (%promise-value p)
            (let ((p2 ((%promise-value p))))
              (if (not (%promise-done? p)) (%promise-update! p2 p))
              (loop))))
      p))
"""#),
        ("eval", #"""
(define (eval x . env) (if (pair? env) (%eval x (car env)) (%eval x)))
"""#),
        ("load", #"""
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
"""#),
        ("topological-sort", #"""
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
"""#),
        ("%make-converted-parameter", #"""
(define (%make-converted-parameter value converter) (%make-parameter (converter value) converter))
"""#),
        ("%and-let*-expand", #"""
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
"""#),
        ("%define-record-expand", #"""
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
"""#),
        ("%cut", #"""
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
"""#),
        ("define-reader-ctor", #"""
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
"""#),
        ("%require-library", #"""
(define (%require-library name)
  (if (not (%library-known? name))
      (let ((file (%find-source-file (string-append (symbol->string name) ".scm"))))
        (if file (load file) (error 'require-library "cannot load extension" name)))))
"""#),
        ("require", #"""
(define (require . names) (for-each %require-library names))
"""#),
        ("load-noisily", #"""
(define (load-noisily file #!key (evaluator eval) time printer)
  (load file
        (lambda (form)
          (if printer (printer form))
          (call-with-values
            (lambda () (if time (%time (lambda () (evaluator form))) (evaluator form)))
            (lambda results (for-each (lambda (r) (write r) (newline)) results))))))
"""#),
        ("##sys#print-to-string", #"""
(define (##sys#print-to-string parts)      ; what #<#TAG here strings read as
  (with-output-to-string (lambda () (for-each display parts))))
"""#),
        ("##sys#values", #"""
(define (##sys#values . vals) (apply values vals))
"""#),
        ("##sys#call-with-values", #"""
(define (##sys#call-with-values producer consumer) (call-with-values producer consumer))
"""#),
        ("##sys#apply", #"""
(define (##sys#apply f . args) (apply apply f args))
"""#),
        ("load-relative", #"""
(define (load-relative file . rest)
  (load (%relative-to-load-file file)))
"""#),
        ("condition-predicate", #"""
(define (condition-predicate kind) (lambda (c) (%condition-has-kind? c kind)))
"""#),
        ("condition-property-accessor", #"""
(define (condition-property-accessor kind prop . default)
  (lambda (c) (%get-condition-property c kind prop default)))
"""#),
        ("get-condition-property", #"""
(define (get-condition-property c kind prop . default)
  (%get-condition-property c kind prop default))
"""#),
        ("%get-condition-property", #"""
(define (%get-condition-property c kind prop default)
  (let ((r (%condition-property c kind prop)))
    (cond (r (car r))
          ((pair? default) (car default))
          ;; As csi: (exn type), located at condition-property-accessor, the property the irritant.
          (else (%type-error 'condition-property-accessor prop "condition has no such property")))))
"""#),
        ("%condition-kinds-match?", #"""
(define (%condition-kinds-match? c kinds)
  (if (condition? c)
      (let loop ((ks kinds))
        (or (null? ks) (and (%condition-has-kind? c (car ks)) (loop (cdr ks)))))
      (null? kinds)))
"""#),
        ("error-object?", #"""
(define (error-object? x) (condition? x))
"""#),
        ("error-object-message", #"""
(define (error-object-message c)
  (if (%condition-has-kind? c 'exn) (get-condition-property c 'exn 'message "") ""))
"""#),
        ("error-object-irritants", #"""
(define (error-object-irritants c)
  (if (%condition-has-kind? c 'exn) (get-condition-property c 'exn 'arguments '()) '()))
"""#),
        ("file-error?", #"""
(define (file-error? c) (and (condition? c) (%condition-has-kind? c 'file)))
"""#),
        ("read-error?", #"""
(define (read-error? c) (and (condition? c) (%condition-has-kind? c 'syntax)))
"""#),
        ("condition", #"""
(define (condition . kinds)
  (if (null? kinds) (error 'condition "no condition kinds given"))
  (apply make-composite-condition (map (lambda (k) (apply make-property-condition k)) kinds)))
"""#),
        ("syntax-error", #"""
(define (syntax-error . args)
  (let* ((loc (and (pair? args) (symbol? (car args)) (car args)))
         (args (if loc (cdr args) args)))
    (if (or (null? args) (not (string? (car args)))) (%type-error 'syntax-error (if (pair? args) (car args) args)))
    (signal (make-composite-condition
             (make-property-condition 'exn 'message (car args) 'arguments (cdr args) 'location loc)
             (make-property-condition 'syntax)))))
"""#),
        ("provide", #"""
(define (provide . ids) (set! %provided (append ids %provided)) (void))
"""#),
        ("provided?", #"""
(define (provided? . ids) (every (lambda (id) (and (memq id %provided) #t)) ids))
"""#),
        ("print-error-message", #"""
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
"""#),
        ("%record-accessor", #"""
(define (%record-accessor t f)
  (let ((i (%record-field-index t f))) (lambda (r) (%record-ref r t i))))
"""#),
        ("%record-modifier", #"""
(define (%record-modifier t f)
  (let ((i (%record-field-index t f))) (lambda (r v) (%record-set! r t i v))))
"""#),
        ("%make-record-fields", #"""
(define (%make-record-fields t names values)
  (let ((r (%make-record t)))
    (let loop ((ns names) (vs values))
      (if (null? ns)
          r
          (begin (%record-set! r t (%record-field-index t (car ns)) (car vs))
                 (loop (cdr ns) (cdr vs)))))))
"""#),
        ("%param-set!", #"""
(define (%param-set! p v)
  (if (%parameter? p) (%parameter-set! p v) (p v)))
"""#),
        ("with-output-to-string", #"""
(define (with-output-to-string thunk)
  (let ((port (open-output-string)))
    (%with-current-port 'output port thunk)
    (get-output-string port)))
"""#),
        ("call-with-output-string", #"""
(define (call-with-output-string proc)
  (let ((port (open-output-string)))
    (proc port)
    (get-output-string port)))
"""#),
        ("with-input-from-string", #"""
(define (with-input-from-string s thunk)
  (%with-current-port 'input (open-input-string s) thunk))
"""#),
        ("call-with-input-string", #"""
(define (call-with-input-string s proc) (proc (open-input-string s)))
"""#),
        ("with-error-output-to-string", #"""
(define (with-error-output-to-string thunk)
  (let ((port (open-output-string)))
    (%with-current-port 'error port thunk)
    (get-output-string port)))
"""#),
        ("%with-current-port", #"""
(define (%with-current-port which port thunk)
  (%swapped-extent %swap-current-port! (cons which port) thunk))
"""#),
        ("map", #"""
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
"""#),
        ("for-each", #"""
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
"""#),
        ("%check-list-start", #"""
(define (%check-list-start l who)
  (if (not (or (pair? l) (null? l))) (%not-a-list l who)))
"""#),
        ("%not-a-list", #"""
(define (%not-a-list l who) (%type-error who l "bad argument type - not a list"))
"""#),
        ("member", #"""
(define (member x l . p)
  (if (null? p)
      (%member x l)
      (let ((same (car p)))
        (let loop ((l l))
          (cond ((null? l) #f)
                ((not (pair? l)) (%type-error 'member l))
                ((same x (car l)) l)
                (else (loop (cdr l))))))))
"""#),
        ("assoc", #"""
(define (assoc x l . p)
  (if (null? p)
      (%assoc x l)
      (let ((same (car p)))
        (let loop ((l l))
          (cond ((null? l) #f)
                ((not (pair? l)) (%type-error 'assoc l))
                ((same x (caar l)) (car l))
                (else (loop (cdr l))))))))
"""#),
        ("%walk-from", #"""
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
    (else (let loop ((l l)) (cond ((not (pair? l)) #f) ((f (car l)) (car l)) (else (loop (cdr l))))))))
"""#),
        ("%walk", #"""
(define (%walk mode f l state)
  (if (%leaf-procedure? f) (%walk-leaf mode f l state) (%walk-from mode f l state)))
"""#),
        ("filter", #"""
(define (filter pred l) (%walk 'filter pred l '()))
"""#),
        ("remove", #"""
(define (remove pred l) (filter (lambda (x) (not (pred x))) l))
"""#),
        ("fold", #"""
(define (fold f acc l . ls)
  (if (null? ls)
      (%walk 'fold f l acc)
      (let loop ((ls (cons l ls)) (acc acc))
        (let ((row (%split-row ls #f (list acc))))
          (if row (loop (cdr row) (apply f (car row))) acc)))))
"""#),
        ("fold-right", #"""
(define (fold-right f acc l . ls)
  (if (null? ls)
      (let loop ((l (reverse l)) (acc acc)) (if (pair? l) (loop (cdr l) (f (car l) acc)) acc))
      (let loop ((rows (reverse (%rows (cons l ls)))) (acc acc))
        (if (pair? rows) (loop (cdr rows) (apply f (append (car rows) (list acc)))) acc))))
"""#),
        ("%rows", #"""
(define (%rows ls)
  (let loop ((ls ls) (acc '()))
    (let ((row (%split-row ls #f '()))) (if row (loop (cdr row) (cons (car row) acc)) (reverse! acc)))))
"""#),
        ("foldl", #"""
(define (foldl f z lst) (%check-list-start lst 'foldl) (%walk 'foldl f lst z))
"""#),
        ("foldr", #"""
(define (foldr f z lst)
  (%check-list-start lst 'foldr)
  (let loop ((l (let rev ((l lst) (acc '())) (if (pair? l) (rev (cdr l) (cons (car l) acc)) acc))) (acc z))
    (if (pair? l) (loop (cdr l) (f (car l) acc)) acc)))
"""#),
        ("reduce", #"""
(define (reduce f ridentity l)
  (if (null? l) ridentity (fold f (car l) (cdr l))))
"""#),
        ("any", #"""
(define (any pred l . ls)
  (if (null? ls)
      (%walk 'any pred l #f)
      (let loop ((ls (cons l ls)))
        (let ((row (%split-row ls #f '()))) (and row (or (apply pred (car row)) (loop (cdr row))))))))
"""#),
        ("every", #"""
(define (every pred l . ls)
  (if (null? ls)
      (%walk 'every pred l #t)
      (let loop ((ls (cons l ls)) (last #t))
        (let ((row (%split-row ls #f '())))
          (if row (let ((r (apply pred (car row)))) (and r (loop (cdr row) r))) last)))))
"""#),
        ("find", #"""
(define (find pred l) (%walk 'find pred l #f))
"""#),
        ("find-tail", #"""
(define (find-tail pred l) (let loop ((l l)) (cond ((not (pair? l)) #f) ((pred (car l)) l) (else (loop (cdr l))))))
"""#),
        ("list-index", #"""
(define (list-index pred l . ls)
  (if (null? ls)
      (let loop ((l l) (i 0)) (cond ((not (pair? l)) #f) ((pred (car l)) i) (else (loop (cdr l) (+ i 1)))))
      (let loop ((rows (%rows (cons l ls))) (i 0))
        (cond ((null? rows) #f) ((apply pred (car rows)) i) (else (loop (cdr rows) (+ i 1)))))))
"""#),
        ("filter-map", #"""
(define (filter-map f l . ls)
  (if (null? ls)
      (let loop ((l l) (acc '()))
        (if (pair? l) (let ((v (f (car l)))) (loop (cdr l) (if v (cons v acc) acc))) (reverse! acc)))
      (let loop ((rows (%rows (cons l ls))) (acc '()))
        (if (pair? rows) (let ((v (apply f (car rows)))) (loop (cdr rows) (if v (cons v acc) acc))) (reverse! acc)))))
"""#),
        ("append-map", #"""
(define (append-map f l . ls) (concatenate (apply map f l ls)))
"""#),
        ("delete", #"""
(define (delete x l . p)
  (let ((same (if (pair? p) (car p) equal?))) (filter (lambda (y) (not (same x y))) l)))
"""#),
        ("delete-duplicates", #"""
(define (delete-duplicates l . p)
  (let ((same (if (pair? p) (car p) equal?)))
    (let loop ((l l) (acc '()))
      (cond ((null? l) (reverse acc))
            ((member (car l) acc same) (loop (cdr l) acc))
            (else (loop (cdr l) (cons (car l) acc)))))))
"""#),
        ("last", #"""
(define (last l) (car (last-pair l)))
"""#),
        ("vector-map", #"""
(define (vector-map f v . vs)
  (list->vector (apply map f (vector->list v) (map vector->list vs))))
"""#),
        ("vector-for-each", #"""
(define (vector-for-each f v . vs)
  (apply for-each f (vector->list v) (map vector->list vs)))
"""#),
        ("string-map", #"""
(define (string-map f s . ss)
  (list->string (apply map f (string->list s) (map string->list ss))))
"""#),
        ("string-for-each", #"""
(define (string-for-each f s . ss)
  (apply for-each f (string->list s) (map string->list ss)))
"""#),
        ("identity", #"""
(define (identity x) x)
"""#),
        ("sort", #"""
(define (sort seq less?)
  (if (vector? seq)
      (let ((v (vector-copy seq))) (%sort-vector! v less?) v)
      (let ((v (list->vector seq))) (%sort-vector! v less?) (vector->list v))))
"""#),
        ("sort!", #"""
(define (sort! seq less?)
  (if (vector? seq)
      (begin (%sort-vector! seq less?) seq)
      (let ((v (list->vector seq)))
        (%sort-vector! v less?)
        (let loop ((p seq) (i 0))
          (when (pair? p) (set-car! p (vector-ref v i)) (loop (cdr p) (+ i 1))))
        seq)))
"""#),
        ("%sort-vector!", #"""
(define (%sort-vector! v less?)
  (unless (%sort-vector-natively! v less?)
    (%merge-sort-vector! v less?)))
"""#),
        ("%merge-sort-vector!", #"""
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
"""#),
        ("merge", #"""
(define (merge a b less?)
  (let loop ((a a) (b b) (acc '()))
    (cond ((null? a) (append-reverse! acc b))
          ((null? b) (append-reverse! acc a))
          ((less? (car b) (car a)) (loop a (cdr b) (cons (car b) acc)))
          (else (loop (cdr a) b (cons (car a) acc))))))
"""#),
        ("merge!", #"""
(define (merge! a b less?) (merge a b less?))
"""#),
        ("append-reverse!", #"""
(define (append-reverse! rev tail)
  (if (null? rev) tail (let ((next (cdr rev))) (set-cdr! rev tail) (append-reverse! next rev))))
"""#),
        ("append-reverse", #"""
(define (append-reverse rev tail) (if (null? rev) tail (append-reverse (cdr rev) (cons (car rev) tail))))
"""#),
        ("sorted?", #"""
(define (sorted? seq less?)
  (let ((l (if (vector? seq) (vector->list seq) seq)))
    (or (null? l)
        (let loop ((prev (car l)) (l (cdr l)))
          (or (null? l) (and (not (less? (car l) prev)) (loop (car l) (cdr l))))))))
"""#),
        ("list-head", #"""
(define (list-head l k)
  (let loop ((l l) (k k) (acc '())) (if (= k 0) (reverse! acc) (loop (cdr l) (- k 1) (cons (car l) acc)))))
"""#),
        ("first", #"""
(define (first l) (car l))
"""#),
        ("second", #"""
(define (second l) (cadr l))
"""#),
        ("third", #"""
(define (third l) (caddr l))
"""#),
        ("fourth", #"""
(define (fourth l) (cadddr l))
"""#),
        ("fifth", #"""
(define (fifth l) (list-ref l 4))
"""#),
        ("sixth", #"""
(define (sixth l) (list-ref l 5))
"""#),
        ("seventh", #"""
(define (seventh l) (list-ref l 6))
"""#),
        ("eighth", #"""
(define (eighth l) (list-ref l 7))
"""#),
        ("ninth", #"""
(define (ninth l) (list-ref l 8))
"""#),
        ("tenth", #"""
(define (tenth l) (list-ref l 9))
"""#),
        ("partition", #"""
(define (partition pred l)
  (let loop ((l l) (in '()) (out '()))
    (cond ((null? l) (values (reverse! in) (reverse! out)))
          ((pred (car l)) (loop (cdr l) (cons (car l) in) out))
          (else (loop (cdr l) in (cons (car l) out))))))
"""#),
        ("take", #"""
(define (take l k) (list-head l k))
"""#),
        ("drop", #"""
(define (drop l k) (list-tail l k))
"""#),
        ("take-while", #"""
(define (take-while pred l)
  (let loop ((l l) (acc '())) (if (and (pair? l) (pred (car l))) (loop (cdr l) (cons (car l) acc)) (reverse! acc))))
"""#),
        ("drop-while", #"""
(define (drop-while pred l) (let loop ((l l)) (if (and (pair? l) (pred (car l))) (loop (cdr l)) l)))
"""#),
        ("span", #"""
(define (span pred l) (values (take-while pred l) (drop-while pred l)))
"""#),
        ("break", #"""
(define (break pred l) (span (lambda (x) (not (pred x))) l))
"""#),
        ("count", #"""
(define (count pred l . ls)
  (if (null? ls)
      (let loop ((l l) (n 0)) (if (pair? l) (loop (cdr l) (if (pred (car l)) (+ n 1) n)) n))
      (let loop ((ls (cons l ls)) (n 0))
        (let ((row (%split-row ls #f '())))
          (if row (loop (cdr row) (if (apply pred (car row)) (+ n 1) n)) n)))))
"""#),
        ("append!", #"""
(define (append! . ls) (apply append ls))
"""#),
        ("alist-copy", #"""
(define (alist-copy al) (map (lambda (p) (if (pair? p) (cons (car p) (cdr p)) p)) al))
"""#),
        ("join", #"""
(define (join ls . sep)
  (let ((sep (if (pair? sep) (car sep) '())))
    (%check-list-start sep 'join)
    (if (null? ls) '()
        (let loop ((ls ls) (acc '()))
          (if (not (pair? ls)) (%type-error #f ls "bad argument type - not a proper list"))
          (if (null? (cdr ls))
              (apply append (reverse! (cons (car ls) acc)))
              (loop (cdr ls) (cons sep (cons (car ls) acc))))))))
"""#),
        ("alist-ref", #"""
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
"""#),
        ("%alist-update/test", #"""
(define (%alist-update/test key val al test)
  ;; alist-update with a test of the program's own (the standard ones are native:
  ;; ListUtilityPrimitives.swift). As CHICKEN's: the entries before the match are copied.
  (let loop ((l al) (acc '()))
    (cond ((null? l) (append-reverse! acc (list (cons key val))))
          ((not (pair? l)) (error 'alist-update "bad argument type" l))
          ((not (pair? (car l))) (error 'alist-update "bad argument type" (car l)))
          ((test key (caar l)) (append-reverse! acc (cons (cons key val) (cdr l))))
          (else (loop (cdr l) (cons (cons (caar l) (cdar l)) acc))))))
"""#),
        ("alist-update!", #"""
(define (alist-update! key val al . rest)
  (let* ((test (if (pair? rest) (car rest) eqv?)) (p (assoc key al test)))
    (if p (begin (set-cdr! p val) al) (cons (cons key val) al))))
"""#),
        ("%rassoc/test", #"""
(define (%rassoc/test x al test)
  ;; rassoc with a test of the program's own (see %alist-update/test).
  (%check-list-start al 'rassoc)
  (let loop ((l al))
    (and (pair? l)
         (let ((a (car l)))
           (if (not (pair? a)) (%type-error 'rassoc a "bad argument type - not a pair"))
           (if (test x (cdr a)) a (loop (cdr l)))))))
"""#),
        ("atom?", #"""
(define (atom? x) (not (pair? x)))
"""#),
        ("each", #"""
(define (each . procs)
  (if (and (pair? procs) (null? (cdr procs)))
      (car procs)                                   ; one procedure is itself, as in CHICKEN
      (lambda args (let loop ((ps procs) (r (void))) (if (null? ps) r (loop (cdr ps) (apply (car ps) args)))))))
"""#),
        ("constantly", #"""
(define (constantly . xs) (lambda args (apply values xs)))
"""#),
        ("complement", #"""
(define (complement p) (lambda args (not (apply p args))))
"""#),
        ("compose", #"""
(define (compose . fs)
  (if (null? fs) values
      (let loop ((fs fs))
        (if (null? (cdr fs)) (car fs)
            (let ((f (car fs)) (g (loop (cdr fs)))) (lambda args (call-with-values (lambda () (apply g args)) f)))))))
"""#),
        ("o", #"""
(define (o . fs) (apply compose fs))
"""#),
        ("conjoin", #"""
(define (conjoin . ps) (lambda (x) (let loop ((ps ps)) (or (null? ps) (and ((car ps) x) (loop (cdr ps)))))))
"""#),
        ("disjoin", #"""
(define (disjoin . ps) (lambda (x) (let loop ((ps ps)) (and (pair? ps) (or ((car ps) x) (loop (cdr ps)))))))
"""#),
        ("flip", #"""
(define (flip f) (lambda (a b . rest) (apply f b a rest)))
"""#),
        ("list-of?", #"""
(define (list-of? pred) (lambda (l) (let loop ((l l)) (cond ((null? l) #t) ((pair? l) (and (pred (car l)) (loop (cdr l)))) (else #f)))))
"""#),
        ("floor/", #"""
(define (floor/ n d) (values (floor-quotient n d) (floor-remainder n d)))
"""#),
        ("truncate/", #"""
(define (truncate/ n d) (values (truncate-quotient n d) (truncate-remainder n d)))
"""#),
        ("->string", #"""
(define (->string x)
  (cond ((string? x) x)
        ((symbol? x) (symbol->string x))
        ((char? x) (string x))
        ((number? x) (number->string x))
        (else (let ((p (open-output-string))) (display x p) (get-output-string p)))))
"""#),
        ("%conc/display", #"""
(define (%conc/display . xs) (apply string-append (map ->string xs)))
"""#),
        ("string-join", #"""
(define (string-join strs . rest)
  (let ((sep (if (pair? rest) (car rest) " "))
        (grammar (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) 'infix)))
    (case grammar
      ((infix strict-infix) (string-intersperse strs sep))
      ((suffix) (apply string-append (map (lambda (s) (string-append s sep)) strs)))
      ((prefix) (apply string-append (map (lambda (s) (string-append sep s)) strs)))
      (else (error 'string-join "invalid grammar" grammar)))))
"""#),
        ("string-chomp", #"""
(define (string-chomp s . suffix)
  (let ((suf (if (pair? suffix) (car suffix) "\n")))
    (if (not (string? s)) (%type-error 'string-chomp s "bad argument type - not a string"))
    (if (not (string? suf)) (%type-error 'string-chomp suf "bad argument type - not a string"))
    (if (string-suffix? suf s) (substring s 0 (- (string-length s) (string-length suf))) s)))
"""#),
        ("string-compare3", #"""
(define (string-compare3 a b) (cond ((string<? a b) -1) ((string>? a b) 1) (else 0)))
"""#),
        ("string-compare3-ci", #"""
(define (string-compare3-ci a b) (cond ((string-ci<? a b) -1) ((string-ci>? a b) 1) (else 0)))
"""#),
        ("reverse-list->string", #"""
(define (reverse-list->string l) (list->string (reverse l)))
"""#),
        ("reverse-string-append", #"""
(define (reverse-string-append l) (apply string-append (reverse l)))
"""#),
        ("%span-of", #"""
(define (%span-of loc s rest)
  (if (null? rest) s (receive (start end) (%string-span loc s rest) (substring s start end))))
"""#),
        ("string-pad", #"""
(define (string-pad s n . rest)
  (let* ((c (if (pair? rest) (car rest) #\space))
         (s (%span-of 'string-pad s (if (pair? rest) (cdr rest) '())))
         (len (string-length s)))
    (if (>= len n) (substring s (- len n) len) (string-append (make-string (- n len) c) s))))
"""#),
        ("string-pad-right", #"""
(define (string-pad-right s n . rest)
  (let* ((c (if (pair? rest) (car rest) #\space))
         (s (%span-of 'string-pad-right s (if (pair? rest) (cdr rest) '())))
         (len (string-length s)))
    (if (>= len n) (substring s 0 n) (string-append s (make-string (- n len) c)))))
"""#),
        ("%trim-pred", #"""
(define (%trim-pred rest) (if (pair? rest) (%char-test 'string-trim (car rest)) char-whitespace?))
"""#),
        ("string-trim", #"""
(define (string-trim s . rest)
  (let ((p? (%trim-pred rest)) (s (%span-of 'string-trim s (if (pair? rest) (cdr rest) '()))))
    (let ((n (string-length s)))
      (let loop ((i 0)) (if (and (< i n) (p? (string-ref s i))) (loop (+ i 1)) (substring s i n))))))
"""#),
        ("string-trim-right", #"""
(define (string-trim-right s . rest)
  (let ((p? (%trim-pred rest)) (s (%span-of 'string-trim-right s (if (pair? rest) (cdr rest) '()))))
    (let loop ((i (string-length s))) (if (and (> i 0) (p? (string-ref s (- i 1)))) (loop (- i 1)) (substring s 0 i)))))
"""#),
        ("string-trim-both", #"""
(define (string-trim-both s . rest)
  (let ((s (%span-of 'string-trim-both s (if (pair? rest) (cdr rest) '())))
        (test (if (pair? rest) (list (car rest)) '())))
    (apply string-trim (apply string-trim-right s test) test)))
"""#),
        ("hash-table-ref", #"""
(define (hash-table-ref ht key . rest)
  (let ((v (%hash-table-ref ht key)))
    (cond ((not (eq? v (%missing))) (if (and (pair? rest) (pair? (cdr rest))) ((cadr rest) v) v))
          ((pair? rest) ((car rest)))
          (else (error 'hash-table-ref "key not found" key)))))
"""#),
        ("hash-table-update!", #"""
(define (hash-table-update! ht key proc . rest)
  (hash-table-set! ht key (proc (apply hash-table-ref ht key rest))))
"""#),
        ("hash-table-update!/default", #"""
(define (hash-table-update!/default ht key proc default)
  (let ((v (%hash-table-ref ht key)))
    (hash-table-set! ht key (proc (if (eq? v (%missing)) default v)))))
"""#),
        ("hash-table-walk", #"""
(define (hash-table-walk ht proc) (for-each (lambda (p) (proc (car p) (cdr p))) (hash-table->alist ht)))
"""#),
        ("hash-table-fold", #"""
(define (hash-table-fold ht proc seed)
  (let loop ((l (hash-table->alist ht)) (acc seed)) (if (null? l) acc (loop (cdr l) (proc (caar l) (cdar l) acc)))))
"""#),
        ("hash-table-map", #"""
(define (hash-table-map ht proc) (map (lambda (p) (proc (car p) (cdr p))) (hash-table->alist ht)))
"""#),
        ("hash-table-for-each", #"""
(define (hash-table-for-each ht proc) (hash-table-walk ht proc))
"""#),
        ("alist->hash-table", #"""
(define (alist->hash-table al . rest)
  (let ((ht (apply make-hash-table rest)))
    (for-each (lambda (p) (unless (hash-table-exists? ht (car p)) (hash-table-set! ht (car p) (cdr p)))) al)
    ht))
"""#),
        ("hash-table-merge!", #"""
(define (hash-table-merge! a b) (hash-table-walk b (lambda (k v) (hash-table-set! a k v))) a)
"""#),
        ("%custom-peek", #"""
(define (%custom-peek p) (%custom-set-peeked! p (read-char p)))
"""#),
        ("%custom-read-line", #"""
(define (%custom-read-line p limit)
  (let loop ((acc '()) (n 0))
    (let ((c (if (and limit (>= n limit)) #\newline (read-char p))))
      (cond ((eof-object? c) (if (null? acc) c (list->string (reverse! acc))))
            ((char=? c #\newline) (list->string (reverse! acc)))
            ((char=? c #\return)
             (if (eqv? (peek-char p) #\newline) (read-char p))
             (list->string (reverse! acc)))
            (else (loop (cons c acc) (+ n 1)))))))
"""#),
        ("%custom-read-string", #"""
(define (%custom-read-string p k)
  (let loop ((acc '()) (n 0))
    (if (and k (>= n k))
        (list->string (reverse! acc))
        (let ((c (read-char p)))
          (if (eof-object? c)
              (if (null? acc) c (list->string (reverse! acc)))
              (loop (cons c acc) (+ n 1)))))))
"""#),
        ("%custom-read-lines", #"""
(define (%custom-read-lines p max)
  (let loop ((acc '()) (n 0))
    (if (and max (>= n max))
        (reverse! acc)
        (let ((l (read-line p))) (if (eof-object? l) (reverse! acc) (loop (cons l acc) (+ n 1)))))))
"""#),
        ("%custom-read", #"""
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
"""#),
        ("call-with-input-file", #"""
(define (call-with-input-file path proc)
  (let* ((p (open-input-file path)) (r (proc p))) (close-input-port p) r))
"""#),
        ("call-with-output-file", #"""
(define (call-with-output-file path proc)
  (let* ((p (open-output-file path)) (r (proc p))) (close-output-port p) r))
"""#),
        ("with-output-to-file", #"""
(define (with-output-to-file path thunk)
  (let ((p (open-output-file path)))
    (let ((r (parameterize ((current-output-port p)) (thunk)))) (close-output-port p) r)))
"""#),
        ("with-input-from-file", #"""
(define (with-input-from-file path thunk)
  (let ((p (open-input-file path)))
    (let ((r (parameterize ((current-input-port p)) (thunk)))) (close-input-port p) r)))
"""#),
        ("with-output-to-port", #"""
(define (with-output-to-port port thunk)
  (%check-port port 'output 'with-output-to-port)
  (%with-current-port 'output port thunk))
"""#),
        ("with-input-from-port", #"""
(define (with-input-from-port port thunk)
  (%check-port port 'input 'with-input-from-port)
  (%with-current-port 'input port thunk))
"""#),
        ("with-error-output-to-port", #"""
(define (with-error-output-to-port port thunk)
  (%check-port port 'output 'with-error-output-to-port)
  (%with-current-port 'error port thunk))
"""#),
        ("port-for-each", #"""
(define (port-for-each proc thunk) (let loop () (let ((x (thunk))) (unless (eof-object? x) (proc x) (loop)))))
"""#),
        ("port-map", #"""
(define (port-map proc thunk)
  (let loop ((acc '())) (let ((x (thunk))) (if (eof-object? x) (reverse! acc) (loop (cons (proc x) acc))))))
"""#),
        ("port-fold", #"""
(define (port-fold proc acc thunk)
  (let loop ((acc acc)) (let ((x (thunk))) (if (eof-object? x) acc (loop (proc x acc))))))
"""#),
        ("copy-port", #"""
(define (copy-port from to . rest)
  (let ((read (if (pair? rest) (car rest) read-char))
        (write (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) write-char)))
    (let loop () (let ((x (read from))) (unless (eof-object? x) (write x to) (loop))))))
"""#),
        ("printf", #"""
(define (printf fmt . args) (display (apply sprintf fmt args)))
"""#),
        ("fprintf", #"""
(define (fprintf port fmt . args) (display (apply sprintf fmt args) port))
"""#),
        ("format", #"""
(define (format dest . rest)
  (cond ((string? dest) (apply sprintf dest rest))
        ((not dest) (apply sprintf rest))
        ((eq? dest #t) (display (apply sprintf rest)))
        (else (display (apply sprintf rest) dest))))
"""#),
        ("pp", #"""
(define (pp x . port) (apply %pretty-print x port))
"""#),
        ("warning", #"""
(define (warning msg . args)
  (when (enable-warnings)
  (let ((err (current-error-port)))
    (display "\nWarning: " err)
    (display msg err)
    (for-each (lambda (a) (display " " err) (write a err)) args)
    (newline err))))
"""#),
        ("getter-with-setter", #"""
(define (getter-with-setter get set) (%attach-setter! get set))
"""#),
        ("setter", #"""
(define (setter proc) (or (%procedure-setter proc) (error 'setter "no setter defined" proc)))
"""#),
        ("%set-caar!", #"""
(define (%set-caar! x y) (set-car! (car x) y))
"""#),
        ("%set-cadr!", #"""
(define (%set-cadr! x y) (set-car! (cdr x) y))
"""#),
        ("%set-cdar!", #"""
(define (%set-cdar! x y) (set-cdr! (car x) y))
"""#),
        ("%set-cddr!", #"""
(define (%set-cddr! x y) (set-cdr! (cdr x) y))
"""#),
        ("%set-caddr!", #"""
(define (%set-caddr! x y) (set-car! (cddr x) y))
"""#),
        ("%set-cdddr!", #"""
(define (%set-cdddr! x y) (set-cdr! (cddr x) y))
"""#),
        ("%set-list-ref!", #"""
(define (%set-list-ref! x i y) (set-car! (list-tail x i) y))
"""#),
        ("%set-file-creation-mode!", #"""
(define (%set-file-creation-mode! um) (file-creation-mode um) (void))
"""#),
        ("bytevector-copy!", #"""
(define (bytevector-copy! to at from . range)
  (let* ((start (if (pair? range) (car range) 0))
         (end (if (and (pair? range) (pair? (cdr range))) (cadr range) (bytevector-length from)))
         (tmp (bytevector-copy from start end)))
    (do ((i 0 (+ i 1))) ((= i (- end start))) (bytevector-u8-set! to (+ at i) (bytevector-u8-ref tmp i)))))
"""#),
        ("glob", #"""
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
"""#),
        ("feature?", #"""
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
"""#),
        ("rationalize", #"""
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
"""#),
        ("signum", #"""
(define (signum x)
  (if (not (number? x)) (error 'signum "bad argument type - not a number" x))
  (cond ((cplxnum? x) (/ x (magnitude x)))
        ((positive? x) (if (exact? x) 1 1.0))
        ((negative? x) (if (exact? x) -1 -1.0))
        (else x)))
"""#),
        ("quotient&remainder", #"""
(define (quotient&remainder a b) (values (quotient a b) (remainder a b)))
"""#),
        ("quotient&modulo", #"""
(define (quotient&modulo a b) (values (quotient a b) (modulo a b)))
"""#),
        ("equal=?", #"""
(define (equal=? a b)
  (cond ((and (number? a) (number? b)) (= a b))
        ((and (pair? a) (pair? b)) (and (equal=? (car a) (car b)) (equal=? (cdr a) (cdr b))))
        ((and (vector? a) (vector? b))
         (and (= (vector-length a) (vector-length b))
              (let loop ((i 0))
                (or (= i (vector-length a))
                    (and (equal=? (vector-ref a i) (vector-ref b i)) (loop (+ i 1)))))))
        (else (equal? a b))))
"""#),
        ("read-token", #"""
(define (read-token pred #!optional (port (current-input-port)))
  (let loop ((acc '()))
    (let ((c (peek-char port)))
      (if (or (eof-object? c) (not (pred c)))
          (list->string (reverse acc))
          (begin (read-char port) (loop (cons c acc)))))))
"""#),
        ("read-list", #"""
(define (read-list #!optional (port (current-input-port)) (reader read) max)
  (let loop ((n 0) (acc '()))
    (if (and max (>= n max))
        (reverse acc)
        (let ((x (reader port)))
          (if (eof-object? x) (reverse acc) (loop (+ n 1) (cons x acc)))))))
"""#),
        ("read-byte", #"""
(define (read-byte #!optional (port (current-input-port))) (read-u8 port))
"""#),
        ("write-byte", #"""
(define (write-byte byte #!optional (port (current-output-port))) (write-u8 byte port))
"""#),
        ("%plist-check", #"""
(define (%plist-check loc s) (if (not (symbol? s)) (%type-error loc s)))
"""#),
        ("symbol-plist", #"""
(define (symbol-plist s) (%plist-check 'symbol-plist s) (hash-table-ref/default %plists s '()))
"""#),
        ("get", #"""
(define (get s prop #!optional default)
  (%plist-check 'get s)
  (let ((p (%plist-tail prop (hash-table-ref/default %plists s '()))))
    (if p (cadr p) default)))
"""#),
        ("put!", #"""
(define (put! s prop value)
  (%plist-check 'put! s)
  (let* ((l (hash-table-ref/default %plists s '()))
         (p (%plist-tail prop l)))
    (if p
        (set-car! (cdr p) value)
        (hash-table-set! %plists s (cons prop (cons value l)))))
  value)
"""#),
        ("remprop!", #"""
(define (remprop! s prop)
  (%plist-check 'remprop! s)
  (let ((found #f))
    (hash-table-set! %plists s
                     (let loop ((l (hash-table-ref/default %plists s '())))
                       (cond ((null? l) '())
                             ((and (not found) (eq? (car l) prop)) (set! found #t) (cddr l))
                             (else (cons (car l) (cons (cadr l) (loop (cddr l))))))))
    found))
"""#),
        ("get-properties", #"""
(define (get-properties s props)
  (%plist-check 'get-properties s)
  (let ((props (if (pair? props) props (list props))))
    (let loop ((l (hash-table-ref/default %plists s '())))
      (cond ((null? l) (values #f #f #f))
            ((memq (car l) props) (values (car l) (cadr l) (cddr l)))
            (else (loop (cddr l)))))))
"""#),
        ("get-keyword", #"""
(define (get-keyword kw args #!optional thunk)
  (let loop ((l args))
    (cond ((or (null? l) (not (pair? (cdr l)))) (and thunk (thunk)))
          ((eq? (car l) kw) (cadr l))
          (else (loop (cddr l))))))
"""#),
        ("sleep", #"""
(define (sleep seconds) (thread-sleep! seconds) 0)
"""#),
        ("%close-both-directions", #"""
(define (%close-both-directions port)
  (close-input-port port)
  (close-output-port port))
"""#),
        ("make-concatenated-port", #"""
(define (make-concatenated-port port1 . more)
  (let ((ports (cons port1 more)))
    (define (next reader)
      (let loop ()
        (if (null? ports)
            #!eof
            (let ((c (reader (car ports))))
              (cond ((eof-object? c) (set! ports (cdr ports)) (loop))
                    (else c))))))
    (make-input-port (lambda () (next read-char))
                     (lambda () (and (pair? ports) (char-ready? (car ports))))
                     void
                     (lambda () (next peek-char)))))
"""#),
        ("make-broadcast-port", #"""
(define (make-broadcast-port . ports)
  (make-output-port (lambda (s) (for-each (lambda (p) (display s p)) ports))
                    void
                    (lambda () (for-each flush-output ports))))
"""#),
        ("%time", #"""
(define (%time thunk)
  (define (seconds ms) (let ((s (/ ms 1000))) (if (integer? s) s (exact->inexact s))))
  (let ((cpu (current-process-milliseconds)) (real (current-milliseconds)))
    (call-with-values thunk
      (lambda results
        (let ((port (current-error-port)))
          (display (seconds (- (current-process-milliseconds) cpu)) port)
          (display "s CPU time, " port)
          (display (seconds (- (current-milliseconds) real)) port)
          (display "s real time" port)
          (newline port))
        (apply values results)))))
"""#),
        ("get-call-chain", #"""
(define (get-call-chain #!optional (start 0) thread)
  (let ((chain (%call-chain)))
    (list-tail chain (min start (length chain)))))
"""#),
        ("print-call-chain", #"""
(define (print-call-chain #!optional (port (current-output-port)) (start 0) thread
                          (header "\n\tCall history:\n"))
  (let ((chain (get-call-chain start)))
    (display header port)
    (for-each (lambda (entry)
                (display "\n\t" port)
                (display (vector-ref entry 0) port)
                (display "\t  " port)
                (when (vector-ref entry 2)
                  (display "[" port) (display (vector-ref entry 2) port) (display "] " port))
                (display (or (vector-ref entry 1) "") port))
              chain)
    (display "\t<--\n" port)))
"""#),
        ("continuation-capture", #"""
(define (continuation-capture proc)
  ((call/cc
    (lambda (k)
      (let ((results (call-with-values (lambda () (proc (make-record-instance 'continuation k))) list)))
        (lambda () (apply values results)))))))
"""#),
        ("continuation?", #"""
(define (continuation? x)
  (and (record-instance? x) (eq? (record-instance-type x) 'continuation)))
"""#),
        ("continuation-graft", #"""
(define (continuation-graft k thunk)
  (unless (continuation? k) (error 'continuation-graft "bad argument type - not a continuation" k))
  ((record-instance-slot k 0) thunk))
"""#),
        ("continuation-return", #"""
(define (continuation-return k . results)
  (unless (continuation? k) (error 'continuation-return "bad argument type - not a continuation" k))
  ((record-instance-slot k 0) (lambda () (apply values results))))
"""#),
        ("notice", #"""
(define (notice msg . args)
  (when (enable-warnings)
    (let ((err (current-error-port)))
      (display "\nWarning: " err)
      (display msg err)
      (for-each (lambda (a) (newline err) (write a err)) args)
      (newline err))))
"""#),
        ("pretty-print", #"""
(define (pretty-print x . port) (apply pp x port))
"""#),
        ("pretty-print-width", #"""
(define (pretty-print-width #!optional width) 79)
"""#),
        ("implicit-exit-handler", #"""
(define (implicit-exit-handler #!optional handler)
  (if handler
      (put! '%implicit-exit-handler 'value handler)
      (get '%implicit-exit-handler 'value void)))
"""#),
        ("argc+argv", #"""
(define (argc+argv) (let ((args (argv))) (values (length args) args)))
"""#),
        ("system-cache-directory", #"""
(define (system-cache-directory)
  (or (get-environment-variable "XDG_CACHE_HOME")
      (let ((home (get-environment-variable "HOME"))) (and home (string-append home "/.cache")))))
"""#),
        ("system-config-directory", #"""
(define (system-config-directory)
  (or (get-environment-variable "XDG_CONFIG_HOME")
      (let ((home (get-environment-variable "HOME"))) (and home (string-append home "/.config")))))
"""#),
        ("release-number-vector", #"""
(define (release-number-vector v)
  (unless (number-vector? v)
    (error 'release-number-vector "bad argument type - not a number vector" v)))
"""#),
        ("copy-file", #"""
(define (copy-file from to #!optional clobber (blocksize 1024))
  (if (and (not clobber) (file-exists? to))
      (%raise (%make-exn '(i/o file) "newfile exists but clobber is false" (list to)) #f))
  (if (not (and (fixnum? blocksize) (> blocksize 0)))
      (error 'copy-file "invalid blocksize given" blocksize))
  (call-with-input-file from
    (lambda (in)
      (call-with-output-file to
        (lambda (out)
          (let loop ((total 0))
            (let ((bytes (read-bytevector blocksize in)))
              (if (eof-object? bytes)
                  total
                  (begin (write-bytevector bytes out) (loop (+ total (bytevector-length bytes))))))))))))
"""#),
        ("move-file", #"""
(define (move-file from to #!optional clobber (blocksize 1024))
  (let ((n (copy-file from to clobber blocksize)))
    (delete-file from)
    n))
"""#),
        ("find-files", #"""
(define (find-files dir #!key (test (lambda _ #t)) (action cons) (seed '()) (limit #f) (dotfiles #f) (follow-symlinks #f))
  (let* ((depth 0)
         (descend? (cond ((not limit) (lambda (f) #t))
                         ((fixnum? limit) (lambda (f) (< depth limit)))
                         (else limit)))
         (wanted? (if (procedure? test) test (let ((rx (irregex test))) (lambda (f) (irregex-match rx f))))))
    ;; Names are joined as make-pathname joins them, with the prefix built once per directory.
    (define (prefix-of dir)
      (let strip ((end (string-length dir)))
        (cond ((= end 0) (if (string=? dir "") "" "/"))
              ((memv (string-ref dir (- end 1)) '(#\/ #\\)) (strip (- end 1)))
              (else (string-append (substring dir 0 end) "/")))))
    (let loop ((dir dir) (prefix (prefix-of dir)) (names (directory dir dotfiles)) (acc seed))
      (if (null? names)
          acc
          (let* ((f (string-append prefix (car names)))
                 (acc2 (if (wanted? f) (action f acc) acc)))
            (if (and (directory-exists? f) (or follow-symlinks (not (symbolic-link? f))) (descend? f))
                (loop dir prefix (cdr names)
                      (begin (set! depth (+ depth 1))
                             (let ((r (loop f (prefix-of f) (directory f dotfiles) acc2))) (set! depth (- depth 1)) r)))
                (loop dir prefix (cdr names) acc2)))))))
"""#),
        ("file-lock", #"""
(define (file-lock port #!optional (start 0) (length 0))
  (%file-lock port start length 'lock))
"""#),
        ("file-lock/blocking", #"""
(define (file-lock/blocking port #!optional (start 0) (length 0))
  (let loop ()
    (or (%file-lock port start length 'try)
        (begin (thread-sleep! 0.01) (loop)))))
"""#),
        ("file-test-lock", #"""
(define (file-test-lock port #!optional (start 0) (length 0))
  (%file-lock port start length 'test))
"""#),
        ("read-symbolic-link", #"""
(define (read-symbolic-link path #!optional canonicalize?)
  (let ((target (%read-symbolic-link path)))
    (if canonicalize?
        (normalize-pathname (if (absolute-pathname? target)
                                target
                                (make-pathname (pathname-directory path) target)))
        target)))
"""#),
        ("set-file-owner!", #"""
(define (set-file-owner! file uid) (%set-file-owner! file uid -1 'set-file-owner!))
"""#),
        ("set-file-group!", #"""
(define (set-file-group! file gid) (%set-file-owner! file -1 gid 'set-file-group!))
"""#),
        ("file-select", #"""
(define (file-select read-fds write-fds #!optional timeout)
  (define (as-list x) (cond ((not x) '()) ((list? x) x) (else (list x))))
  (define (shape given ready)
    (cond ((list? given) ready) ((null? ready) #f) (else (car ready))))
  (let ((deadline (and timeout (+ (current-milliseconds) (* timeout 1000)))))
    (let loop ()
      (receive (r w) (%file-select-now (as-list read-fds) (as-list write-fds))
        (if (or (pair? r) (pair? w) (and deadline (>= (current-milliseconds) deadline)))
            (values (shape read-fds r) (shape write-fds w))
            (begin (thread-sleep! 0.01) (loop)))))))
"""#),
        ("%irregex-substitution", #"""
(define (%irregex-substitution m str start end items)
  (let loop ((items items) (out '()))
    (if (null? items)
        (apply string-append (reverse out))
        (let* ((x (car items))
               (piece (cond ((string? x) x)
                            ((eq? x 'pre) (substring str start (irregex-match-start-index m 0)))
                            ((eq? x 'post) (substring str (irregex-match-end-index m 0) end))
                            ((procedure? x)
                             (let ((r (x m)))
                               (if (string? r) r (error 'irregex-replace "not a string" r))))
                            (else (or (irregex-match-substring m x) "")))))
          (loop (cdr items) (cons piece out))))))
"""#),
        ("irregex-replace", #"""
(define (irregex-replace irx str . items)
  (let ((m (irregex-search irx str)))
    (if m
        (string-append (substring str 0 (irregex-match-start-index m 0))
                       (%irregex-substitution m str 0 (string-length str) items)
                       (substring str (irregex-match-end-index m 0) (string-length str)))
        str)))
"""#),
        ("irregex-replace/all", #"""
(define (irregex-replace/all irx str . items)
  (let ((end (string-length str))
        ;; The common case, one string, needs no substitution per match.
        (fixed (and (pair? items) (null? (cdr items)) (string? (car items)) (car items))))
    (irregex-fold irx
                  (lambda (i m acc)
                    (cons (or fixed (%irregex-substitution m str 0 end items))
                          (cons (substring str i (irregex-match-start-index m 0)) acc)))
                  '()
                  str
                  (lambda (i acc)
                    (apply string-append (reverse (cons (substring str i end) acc)))))))
"""#),
        ("irregex-fold", #"""
(define (irregex-fold irx kons knil str . rest)
  (let* ((finish (if (pair? rest) (car rest) (lambda (i acc) acc)))
         (start (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) 0))
         (end (if (and (pair? rest) (pair? (cdr rest)) (pair? (cddr rest))) (caddr rest) (string-length str)))
         (irx (irregex irx)))
    (if (not (procedure? kons)) (error 'irregex-fold "not a procedure" kons))
    (if (not (procedure? finish)) (error 'irregex-fold "not a procedure" finish))
    (let loop ((i start) (from start) (acc knil))
      (if (>= i end)
          (finish from acc)
          (let ((m (%irregex-search-from irx str start end i)))
            (if (not m)
                (finish from acc)
                (let ((s (irregex-match-start-index m 0))
                      (e (irregex-match-end-index m 0))
                      (acc (kons from m acc)))
                  (if (= s e)
                      (loop (+ e 1) e acc)
                      (loop e e acc)))))))))
"""#),
        ("irregex-extract", #"""
(define (irregex-extract irx str . range)
  (apply irregex-fold irx
         (lambda (i m acc) (cons (irregex-match-substring m) acc))
         '() str (lambda (i acc) (reverse acc)) range))
"""#),
        ("irregex-split", #"""
(define (irregex-split irx str . range)
  (let ((start (if (pair? range) (car range) 0))
        (end (if (and (pair? range) (pair? (cdr range))) (cadr range) (string-length str))))
    (irregex-fold irx
                  (lambda (i m acc)
                    (let ((s (irregex-match-start-index m 0)))
                      (if (< i s) (cons (substring str i s) acc) acc)))
                  '() str
                  (lambda (i acc) (reverse (if (< i end) (cons (substring str i end) acc) acc)))
                  start end)))
"""#),
        ("%chunker-next", #"""
(define (%chunker-next c) (vector-ref c 1))
"""#),
        ("%chunker-str", #"""
(define (%chunker-str c) (vector-ref c 2))
"""#),
        ("%chunker-start", #"""
(define (%chunker-start c) (vector-ref c 3))
"""#),
        ("%chunker-end", #"""
(define (%chunker-end c) (vector-ref c 4))
"""#),
        ("make-irregex-chunker", #"""
(define (make-irregex-chunker get-next get-str . o)
  (let* ((get-start (if (pair? o) (car o) (lambda (c) 0)))
         (get-end (if (and (pair? o) (pair? (cdr o))) (cadr o) (lambda (c) (string-length (get-str c)))))
         (get-substring (if (and (pair? o) (pair? (cdr o)) (pair? (cddr o))) (caddr o) #f))
         (get-subchunk (if (and (pair? o) (pair? (cdr o)) (pair? (cddr o)) (pair? (cdddr o))) (cadddr o) #f)))
    (vector 'irregex-chunker get-next get-str get-start get-end get-substring get-subchunk)))
"""#),
        ("%irregex-chunk-text", #"""
(define (%irregex-chunk-text cnk chunk start)
  (let loop ((c chunk) (first #t) (out '()))
    (if (not c)
        (apply string-append (reverse out))
        (let* ((s ((%chunker-str cnk) c))
               (a (if (and first start) start ((%chunker-start cnk) c)))
               (b ((%chunker-end cnk) c)))
          (loop ((%chunker-next cnk) c) #f (cons (substring s a b) out))))))
"""#),
        ("irregex-search/chunked", #"""
(define (irregex-search/chunked irx cnk chunk . start)
  (irregex-search irx (%irregex-chunk-text cnk chunk (and (pair? start) (car start)))))
"""#),
        ("irregex-match/chunked", #"""
(define (irregex-match/chunked irx cnk chunk . start)
  (irregex-match irx (%irregex-chunk-text cnk chunk (and (pair? start) (car start)))))
"""#),
        ("irregex-fold/chunked", #"""
(define (irregex-fold/chunked irx kons knil cnk chunk . rest)
  (let ((finish (if (pair? rest) (car rest) (lambda (src i acc) acc)))
        (start (and (pair? rest) (pair? (cdr rest)) (cadr rest))))
    (irregex-fold irx
                  (lambda (i m acc) (kons chunk i m acc))
                  knil
                  (%irregex-chunk-text cnk chunk start)
                  (lambda (i acc) (finish chunk i acc)))))
"""#),
        ("irregex-match-start-chunk", #"""
(define (irregex-match-start-chunk m . n) (irregex-match-start-index m (if (pair? n) (car n) 0)) (%irregex-match-string m))
"""#),
        ("irregex-match-end-chunk", #"""
(define (irregex-match-end-chunk m . n) (irregex-match-end-index m (if (pair? n) (car n) 0)) (%irregex-match-string m))
"""#),
        ("irregex-match-subchunk", #"""
(define (irregex-match-subchunk m . n) (apply irregex-match-substring m n))
"""#),
        ("irregex-quote", #"""
(define (irregex-quote str)
  (list->string
   (let loop ((cs (string->list str)))
     (cond ((null? cs) '())
           ((memv (car cs) (string->list "\\|[](){}.*+?^$#"))
            (cons #\\ (cons (car cs) (loop (cdr cs)))))
           (else (cons (car cs) (loop (cdr cs))))))))
"""#),
        ("irregex-opt", #"""
(define (irregex-opt strs)
  (cond ((null? strs) '(or))
        ((null? (cdr strs)) (car strs))
        (else (cons 'or strs))))
"""#),
        ("sre->string", #"""
(define (sre->string sre)
  (error 'sre->string "not supported: an SRE is compiled to PCRE2's syntax, not irregex's" sre))
"""#),
        ("glob->sre", #"""
(define (glob->sre str)
  (let loop ((cs (string->list str)) (start #t) (out '()))
    (if (null? cs)
        (cons ': (reverse out))
        (let ((c (car cs)))
          (cond ((eqv? c #\*)
                 (loop (cdr cs) #f
                       (cons (if start
                                 '(or (: (~ ("./\\")) (* (~ ("/\\")))) (* (~ ("./\\"))))
                                 '(* (~ ("/\\"))))
                             out)))
                ((eqv? c #\?) (loop (cdr cs) #f (cons 'any out)))
                ((eqv? c #\[)
                 (let set ((rest (cdr cs)) (items '()))
                   (cond ((null? rest) (error 'glob->sre "unexpected end of character class" items))
                         ((eqv? (car rest) #\])
                          (loop (cdr rest) #f
                                (cons (if (and (pair? items) (null? (cdr items))) (car items) (cons 'or items)) out)))
                         ((and (pair? (cdr rest)) (eqv? (cadr rest) #\-) (pair? (cddr rest)) (not (eqv? (caddr rest) #\])))
                          (set (cdddr rest) (cons (list '/ (car rest) (caddr rest)) items)))
                         ((and (eqv? (car rest) #\-) (pair? (cdr rest)) (not (eqv? (cadr rest) #\])))
                          (set (cddr rest) (cons (list '~ (cadr rest)) items)))
                         (else (set (cdr rest) (cons (car rest) items))))))
                (else (loop (cdr cs) (eqv? c #\/) (cons c out))))))))
"""#),
        ("%locative-type", #"""
(define (%locative-type)
  (or (get '%locative '%record-type)
      (let ((t (%make-record-type 'locative '(target index ref set))))
        (put! '%locative '%record-type t)
        t)))
"""#),
        ("%locative-error", #"""
(define (%locative-error kind loc message . arguments)
  (signal (make-composite-condition
           (make-property-condition 'exn 'message message 'arguments arguments 'location loc)
           (make-property-condition kind))))
"""#),
        ("%locative-access", #"""
(define (%locative-access x)
  (define (pair-ref p i) (if (eq? i 0) (car p) (cdr p)))
  (define (pair-set! p i v) (if (eq? i 0) (set-car! p v) (set-cdr! p v)))
  (cond ((vector? x) (list (vector-length x) vector-ref vector-set!))
        ((pair? x) (list 2 pair-ref pair-set!))
        ((string? x) (list (string-length x) string-ref string-set!))
        ((or (blob? x) (u8vector? x)) (list (u8vector-length x) u8vector-ref u8vector-set!))
        ((s8vector? x) (list (s8vector-length x) s8vector-ref s8vector-set!))
        ((u16vector? x) (list (u16vector-length x) u16vector-ref u16vector-set!))
        ((s16vector? x) (list (s16vector-length x) s16vector-ref s16vector-set!))
        ((u32vector? x) (list (u32vector-length x) u32vector-ref u32vector-set!))
        ((s32vector? x) (list (s32vector-length x) s32vector-ref s32vector-set!))
        ((u64vector? x) (list (u64vector-length x) u64vector-ref u64vector-set!))
        ((s64vector? x) (list (s64vector-length x) s64vector-ref s64vector-set!))
        ((f32vector? x) (list (f32vector-length x) f32vector-ref f32vector-set!))
        ((f64vector? x) (list (f64vector-length x) f64vector-ref f64vector-set!))
        ((and (record-instance? x) (not (%record? x (%locative-type))))
         (list (record-instance-length x) record-instance-slot record-instance-slot-set!))
        (else #f)))
"""#),
        ("%make-locative", #"""
(define (%make-locative x index weak? loc)
  (if (not (fixnum? index)) (%locative-error 'type loc "bad argument type - not a fixnum" index))
  (let ((access (%locative-access x)))
    (cond (access
           (if (or (< index 0) (>= index (car access)))
               (%locative-error 'bounds loc "out of range" index 0 (car access)))
           (%make-record (%locative-type) (if weak? (%make-weak-reference x) x) index (cadr access) (caddr access)))
          ((or (fixnum? x) (char? x) (boolean? x) (null? x) (eof-object? x) (eq? x (void)))
           (%locative-error 'type loc "locative cannot refer to immediate object" x))
          (else (%locative-error 'type loc "bad argument type - locative cannot refer to objects of this type" x)))))
"""#),
        ("make-locative", #"""
(define (make-locative x . index)
  (%make-locative x (if (pair? index) (car index) 0) #f 'make-locative))
"""#),
        ("make-weak-locative", #"""
(define (make-weak-locative x . index)
  (%make-locative x (if (pair? index) (car index) 0) #t 'make-weak-locative))
"""#),
        ("locative?", #"""
(define (locative? x) (%record? x (%locative-type)))
"""#),
        ("%locative-target", #"""
(define (%locative-target l loc)
  (if (not (locative? l)) (%locative-error 'type loc "bad argument type" l))
  (let ((t (%record-ref l (%locative-type) 0)))
    (if (%weak-reference? t) (%weak-reference-value t) t)))
"""#),
        ("%locative-live-target", #"""
(define (%locative-live-target l loc)
  (or (%locative-target l loc) (%locative-error 'type loc "locative refers to reclaimed object" l)))
"""#),
        ("locative-ref", #"""
(define (locative-ref l)
  (let ((target (%locative-live-target l 'locative-ref)))
    ((%record-ref l (%locative-type) 2) target (%record-ref l (%locative-type) 1))))
"""#),
        ("locative-set!", #"""
(define (locative-set! l v)
  (let ((target (%locative-live-target l 'locative-set!)))
    ((%record-ref l (%locative-type) 3) target (%record-ref l (%locative-type) 1) v)))
"""#),
        ("locative->object", #"""
(define (locative->object l) (%locative-target l 'locative->object))
"""#),
        ("locative-index", #"""
(define (locative-index l)
  (%locative-target l 'locative-index)
  (%record-ref l (%locative-type) 1))
"""#),
        ("%pathname-check", #"""
(define (%pathname-check loc s)
  (if (not (string? s)) (%type-error loc s))
  s)
"""#),
        ("%pathname-sep?", #"""
(define (%pathname-sep? c) (char=? c #\/))
"""#),
        ("%pathname-chop", #"""
(define (%pathname-chop s)
  (let loop ((n (string-length s)))
    (if (and (> n 0) (%pathname-sep? (string-ref s (- n 1)))) (loop (- n 1)) (substring s 0 n))))
"""#),
        ("%pathname-last-index", #"""
(define (%pathname-last-index pred s)
  (let loop ((i (- (string-length s) 1)))
    (cond ((< i 0) #f) ((pred (string-ref s i)) i) (else (loop (- i 1))))))
"""#),
        ("absolute-pathname?", #"""
(define (absolute-pathname? pn)
  (%pathname-check 'absolute-pathname? pn)
  (and (> (string-length pn) 0) (%pathname-sep? (string-ref pn 0))))
"""#),
        ("decompose-pathname", #"""
(define (decompose-pathname pn)
  (define (dir-part s) (let ((d (%pathname-chop s))) (if (string=? d "") "/" d)))
  (define (split-base base)
    (let ((dot (%pathname-last-index (lambda (c) (char=? c #\.)) base)))
      (if (and dot (> dot 0) (< dot (- (string-length base) 1)))
          (values (substring base 0 dot) (substring base (+ dot 1) (string-length base)))
          (values base #f))))
  (%pathname-check 'decompose-pathname pn)
  (cond ((string=? pn "") (values #f #f #f))
        ((%pathname-sep? (string-ref pn (- (string-length pn) 1))) (values (dir-part pn) #f #f))
        (else
         (let ((slash (%pathname-last-index %pathname-sep? pn)))
           (receive (file ext) (split-base (if slash (substring pn (+ slash 1) (string-length pn)) pn))
             (values (and slash (dir-part (substring pn 0 (+ slash 1)))) file ext))))))
"""#),
        ("pathname-directory", #"""
(define (pathname-directory pn) (receive (d f e) (decompose-pathname pn) d))
"""#),
        ("pathname-file", #"""
(define (pathname-file pn) (receive (d f e) (decompose-pathname pn) f))
"""#),
        ("pathname-extension", #"""
(define (pathname-extension pn) (receive (d f e) (decompose-pathname pn) e))
"""#),
        ("%pathname-dirs", #"""
(define (%pathname-dirs loc dirs)
  (cond ((or (not dirs) (null? dirs)) "")
        ((string? dirs) (%pathname-dirs loc (list dirs)))
        ((list? dirs)
         (apply string-append
                (map (lambda (d)
                       (%pathname-check loc d)
                       (if (string=? d "") "" (string-append (%pathname-chop d) "/")))
                     dirs)))
        (else (%type-error loc dirs))))
"""#),
        ("%make-pathname", #"""
(define (%make-pathname loc dir file ext)
  (let ((file (if file (%pathname-check loc file) ""))
        (ext (if ext (%pathname-check loc ext) "")))
    (string-append
     dir
     (if (and (> (string-length dir) 0) (absolute-pathname? file)) (substring file 1 (string-length file)) file)
     (if (and (> (string-length ext) 0) (not (char=? (string-ref ext 0) #\.))) "." "")
     ext)))
"""#),
        ("make-pathname", #"""
(define (make-pathname dirs file #!optional ext)
  (%make-pathname 'make-pathname (%pathname-dirs 'make-pathname dirs) file ext))
"""#),
        ("make-absolute-pathname", #"""
(define (make-absolute-pathname dirs file #!optional ext)
  (let ((dir (%pathname-dirs 'make-absolute-pathname dirs)))
    (%make-pathname 'make-absolute-pathname (if (absolute-pathname? dir) dir (string-append "/" dir)) file ext)))
"""#),
        ("pathname-strip-directory", #"""
(define (pathname-strip-directory pn) (receive (d f e) (decompose-pathname pn) (make-pathname #f f e)))
"""#),
        ("pathname-strip-extension", #"""
(define (pathname-strip-extension pn) (receive (d f e) (decompose-pathname pn) (make-pathname d f)))
"""#),
        ("pathname-replace-directory", #"""
(define (pathname-replace-directory pn dir) (receive (d f e) (decompose-pathname pn) (make-pathname dir f e)))
"""#),
        ("pathname-replace-file", #"""
(define (pathname-replace-file pn file) (receive (d f e) (decompose-pathname pn) (make-pathname d file e)))
"""#),
        ("pathname-replace-extension", #"""
(define (pathname-replace-extension pn ext) (receive (d f e) (decompose-pathname pn) (make-pathname d f ext)))
"""#),
        ("%pathname-split", #"""
(define (%pathname-split s sep?)
  (let loop ((i 0) (start 0) (acc '()))
    (cond ((= i (string-length s))
           (reverse (if (> i start) (cons (substring s start i) acc) acc)))
          ((sep? (string-ref s i))
           (loop (+ i 1) (+ i 1) (if (> i start) (cons (substring s start i) acc) acc)))
          (else (loop (+ i 1) start acc)))))
"""#),
        ("decompose-directory", #"""
(define (decompose-directory dir)
  (%pathname-check 'decompose-directory dir)
  (let ((parts (%pathname-split dir %pathname-sep?)))
    (values #f (and (absolute-pathname? dir) "/") (and (pair? parts) parts))))
"""#),
        ("directory-null?", #"""
(define (directory-null? dir)
  (let loop ((parts (if (list? dir) dir (%pathname-split (%pathname-check 'directory-null? dir) %pathname-sep?))))
    (cond ((null? parts) #t)
          ((string=? (car parts) ".") (loop (cdr parts)))
          (else #f))))
"""#),
        ("normalize-pathname", #"""
(define (normalize-pathname path #!optional (platform 'unix))
  (%pathname-check 'normalize-pathname path)
  (let* ((windows (eq? platform 'windows))
         (sep? (if windows (lambda (c) (or (char=? c #\/) (char=? c #\\))) %pathname-sep?))
         (sep (if windows "\\" "/"))
         (drive (and windows (>= (string-length path) 2) (char-alphabetic? (string-ref path 0))
                     (char=? (string-ref path 1) #\:) (substring path 0 2)))
         (rest (if drive (substring path 2 (string-length path)) path))
         (n (string-length rest))
         (absolute (and (> n 0) (sep? (string-ref rest 0))))
         (trailing (and (> n 0) (sep? (string-ref rest (- n 1)))))
         (parts (let loop ((ps (%pathname-split rest sep?)) (acc '()))
                  (cond ((null? ps) (reverse acc))
                        ((string=? (car ps) ".") (loop (cdr ps) acc))
                        ((and (string=? (car ps) "..") (pair? acc) (not (string=? (car acc) "..")))
                         (loop (cdr ps) (cdr acc)))
                        (else (loop (cdr ps) (cons (car ps) acc))))))
         (body (let join ((ps parts))
                 (cond ((null? ps) "")
                       ((null? (cdr ps)) (car ps))
                       (else (string-append (car ps) sep (join (cdr ps)))))))
         (result (string-append (if absolute sep "") body (if (and trailing (pair? parts)) sep ""))))
    (string-append (or drive "") (if (string=? result "") (if drive "" ".") result))))
"""#),
        ("system*", #"""
(define (system* command)
  (let ((status (system command)))
    (if (not (zero? status))
        (error 'system* "shell invocation failed with non-zero return status" command status))))
"""#),
        ("call-with-input-pipe", #"""
(define (call-with-input-pipe command proc #!optional mode)
  (let* ((port (open-input-pipe command))
         (results (call-with-values (lambda () (proc port)) list)))
    (close-input-pipe port)
    (apply values results)))
"""#),
        ("call-with-output-pipe", #"""
(define (call-with-output-pipe command proc #!optional mode)
  (let* ((port (open-output-pipe command))
         (results (call-with-values (lambda () (proc port)) list)))
    (close-output-pipe port)
    (apply values results)))
"""#),
        ("with-input-from-pipe", #"""
(define (with-input-from-pipe command thunk #!optional mode)
  (call-with-input-pipe command (lambda (port) (parameterize ((current-input-port port)) (thunk)))))
"""#),
        ("with-output-to-pipe", #"""
(define (with-output-to-pipe command thunk #!optional mode)
  (call-with-output-pipe command (lambda (port) (parameterize ((current-output-port port)) (thunk)))))
"""#),
        ("process-sleep", #"""
(define (process-sleep seconds) (thread-sleep! seconds) 0)
"""#),
        ("process-fork", #"""
(define (process-fork #!optional thunk kill-others?)
  (let ((pid (%process-fork (and thunk kill-others? #t))))
    (cond ((not (eqv? pid 0)) pid)
          (thunk
           ;; An error in the thunk ends the child as an uncaught error ends csi (status 70).
           (handle-exceptions e
             (begin (print-error-message e (current-error-port)) (%exit-forked-child 70))
             (thunk))
           (%exit-forked-child 0))
          (else 0))))
"""#),
        ("set-signal-handler!", #"""
(define (set-signal-handler! sig handler)
  (%signal-check sig 'set-signal-handler!)
  (cond (handler
         (vector-set! %signal-handlers sig handler)
         (%signal-catch sig)
         (%start-signal-dispatcher))
        (else
         (%signal-default sig)
         (vector-set! %signal-handlers sig #f))))
"""#),
        ("signal-handler", #"""
(define (signal-handler sig)
  (%signal-check sig 'signal-handler)
  (vector-ref %signal-handlers sig))
"""#),
        ("%start-signal-dispatcher", #"""
(define (%start-signal-dispatcher)
  (unless (vector-ref %signal-handlers 0)
    (let ((dispatcher (make-thread %dispatch-signals 'signal-dispatcher)))
      (vector-set! %signal-handlers 0 dispatcher)
      (thread-start! dispatcher))))
"""#),
        ("%dispatch-signals", #"""
(define (%dispatch-signals)
  (let loop ()
    (for-each (lambda (sig)
                (let ((handler (vector-ref %signal-handlers sig)))
                  (when handler
                    (thread-start! (make-thread (lambda () (handler sig)) 'signal-handler)))))
              (%signal-wait))
    (loop)))
"""#),
        ("signal-mask", #"""
(define (signal-mask) (filter signal-masked? signals-list))
"""#),
        ("set-signal-mask!", #"""
(define (set-signal-mask! signals)
  (for-each (lambda (sig) (if (memv sig signals) (signal-mask! sig) (signal-unmask! sig))) signals-list))
"""#),
        ("xcons", #"""
(define (xcons d a) (cons a d))
"""#),
        ("list-tabulate", #"""
(define (list-tabulate n make)
  (if (not (and (exact-integer? n) (>= n 0))) (%type-error 'list-tabulate n))
  ;; make-list checks the length first: a count no memory holds is an error at once.
  (let ((l (make-list n)))
    (let loop ((p l) (i 0))
      (if (pair? p) (begin (set-car! p (make i)) (loop (cdr p) (+ i 1))) l))))
"""#),
        ("circular-list", #"""
(define (circular-list x . more)
  (let ((l (cons x more))) (set-cdr! (last-pair l) l) l))
"""#),
        ("proper-list?", #"""
(define (proper-list? x) (list? x))
"""#),
        ("not-pair?", #"""
(define (not-pair? x) (not (pair? x)))
"""#),
        ("%list-shape", #"""
(define (%list-shape x)
  (let loop ((slow x) (fast x))
    (cond ((null? fast) 'proper)
          ((not (pair? fast)) 'dotted)
          ((null? (cdr fast)) 'proper)
          ((not (pair? (cdr fast))) 'dotted)
          (else (let ((fast (cddr fast)) (slow (cdr slow)))
                  (if (eq? fast slow) 'circular (loop slow fast)))))))
"""#),
        ("circular-list?", #"""
(define (circular-list? x) (eq? (%list-shape x) 'circular))
"""#),
        ("dotted-list?", #"""
(define (dotted-list? x) (eq? (%list-shape x) 'dotted))
"""#),
        ("null-list?", #"""
(define (null-list? l)
  (cond ((pair? l) #f)
        ((null? l) #t)
        (else (error 'null-list? "argument out of domain" l))))
"""#),
        ("list=", #"""
(define (list= same . lists)
  (let outer ((lists lists))
    (or (null? lists) (null? (cdr lists))
        (and (let inner ((a (car lists)) (b (cadr lists)))
               (cond ((null? a) (null? b))
                     ((null? b) #f)
                     (else (and (same (car a) (car b)) (inner (cdr a) (cdr b))))))
             (outer (cdr lists))))))
"""#),
        ("length+", #"""
(define (length+ x)
  (and (not (eq? (%list-shape x) 'circular))
       (let loop ((x x) (n 0)) (if (pair? x) (loop (cdr x) (+ n 1)) n))))
"""#),
        ("car+cdr", #"""
(define (car+cdr p) (values (car p) (cdr p)))
"""#),
        ("take-right", #"""
(define (take-right l k)
  (let loop ((lead (drop l k)) (lag l))
    (if (pair? lead) (loop (cdr lead) (cdr lag)) lag)))
"""#),
        ("drop-right", #"""
(define (drop-right l k)
  (let loop ((lead (drop l k)) (lag l) (acc '()))
    (if (pair? lead) (loop (cdr lead) (cdr lag) (cons (car lag) acc)) (reverse! acc))))
"""#),
        ("take!", #"""
(define (take! l k) (take l k))
"""#),
        ("drop-right!", #"""
(define (drop-right! l k) (drop-right l k))
"""#),
        ("split-at", #"""
(define (split-at l k) (values (take l k) (drop l k)))
"""#),
        ("split-at!", #"""
(define (split-at! l k) (split-at l k))
"""#),
        ("concatenate", #"""
(define (concatenate lists) (apply append lists))
"""#),
        ("concatenate!", #"""
(define (concatenate! lists) (concatenate lists))
"""#),
        ("zip", #"""
(define (zip l . ls) (apply map list l ls))
"""#),
        ("unzip1", #"""
(define (unzip1 l) (map car l))
"""#),
        ("unzip2", #"""
(define (unzip2 l) (values (map car l) (map cadr l)))
"""#),
        ("unzip3", #"""
(define (unzip3 l) (values (map car l) (map cadr l) (map caddr l)))
"""#),
        ("unzip4", #"""
(define (unzip4 l) (values (map car l) (map cadr l) (map caddr l) (map cadddr l)))
"""#),
        ("unzip5", #"""
(define (unzip5 l) (values (map car l) (map cadr l) (map caddr l) (map cadddr l) (map fifth l)))
"""#),
        ("unfold", #"""
(define (unfold stop? mapper successor seed . tail-gen)
  (let loop ((seed seed) (acc '()))
    (if (stop? seed)
        (append-reverse! acc (if (pair? tail-gen) ((car tail-gen) seed) '()))
        (loop (successor seed) (cons (mapper seed) acc)))))
"""#),
        ("unfold-right", #"""
(define (unfold-right stop? mapper successor seed . tail)
  (let loop ((seed seed) (acc (if (pair? tail) (car tail) '())))
    (if (stop? seed) acc (loop (successor seed) (cons (mapper seed) acc)))))
"""#),
        ("%tails", #"""
(define (%tails ls)
  (let loop ((ls ls) (acc '()))
    (let ((row (%split-row ls #f '()))) (if row (loop (cdr row) (cons ls acc)) (reverse! acc)))))
"""#),
        ("pair-fold", #"""
(define (pair-fold f acc l . ls)
  (let loop ((tails (%tails (cons l ls))) (acc acc))
    (if (null? tails) acc (loop (cdr tails) (apply f (append (car tails) (list acc)))))))
"""#),
        ("pair-fold-right", #"""
(define (pair-fold-right f acc l . ls)
  (let loop ((tails (reverse! (%tails (cons l ls)))) (acc acc))
    (if (null? tails) acc (loop (cdr tails) (apply f (append (car tails) (list acc)))))))
"""#),
        ("reduce-right", #"""
(define (reduce-right f ridentity l)
  (if (null? l)
      ridentity
      (let ((r (reverse l)))
        (let loop ((rest (cdr r)) (acc (car r)))
          (if (null? rest) acc (loop (cdr rest) (f (car rest) acc)))))))
"""#),
        ("append-map!", #"""
(define (append-map! f l . ls) (apply append-map f l ls))
"""#),
        ("pair-for-each", #"""
(define (pair-for-each f l . ls)
  (for-each (lambda (tails) (apply f tails)) (%tails (cons l ls))))
"""#),
        ("map-in-order", #"""
(define (map-in-order f l . ls)
  (let loop ((rows (%rows (cons l ls))) (acc '()))
    (if (null? rows) (reverse! acc) (loop (cdr rows) (cons (apply f (car rows)) acc)))))
"""#),
        ("filter!", #"""
(define (filter! pred l) (filter pred l))
"""#),
        ("remove!", #"""
(define (remove! pred l) (remove pred l))
"""#),
        ("partition!", #"""
(define (partition! pred l) (partition pred l))
"""#),
        ("take-while!", #"""
(define (take-while! pred l) (take-while pred l))
"""#),
        ("span!", #"""
(define (span! pred l) (span pred l))
"""#),
        ("break!", #"""
(define (break! pred l) (break pred l))
"""#),
        ("delete!", #"""
(define (delete! x l . same) (apply delete x l same))
"""#),
        ("delete-duplicates!", #"""
(define (delete-duplicates! l . same) (apply delete-duplicates l same))
"""#),
        ("alist-cons", #"""
(define (alist-cons key value al) (cons (cons key value) al))
"""#),
        ("alist-delete", #"""
(define (alist-delete key al . same)
  (let ((same? (if (pair? same) (car same) equal?)))
    (let loop ((al al) (acc '()))
      (cond ((null? al) (reverse! acc))
            ((same? key (caar al)) (loop (cdr al) acc))
            (else (loop (cdr al) (cons (car al) acc)))))))
"""#),
        ("alist-delete!", #"""
(define (alist-delete! key al . same) (apply alist-delete key al same))
"""#),
        ("%in?", #"""
(define (%in? same x l) (let loop ((l l)) (and (pair? l) (or (same x (car l)) (loop (cdr l))))))
"""#),
        ("%has?", #"""
(define (%has? same set x) (let loop ((l set)) (and (pair? l) (or (same (car l) x) (loop (cdr l))))))
"""#),
        ("%subset?", #"""
(define (%subset? same a b) (every (lambda (x) (%in? same x b)) a))
"""#),
        ("lset<=", #"""
(define (lset<= same . lists)
  (let loop ((lists lists))
    (or (null? lists) (null? (cdr lists))
        (and (%subset? same (car lists) (cadr lists)) (loop (cdr lists))))))
"""#),
        ("lset=", #"""
(define (lset= same . lists)
  (let loop ((lists lists))
    (or (null? lists) (null? (cdr lists))
        (and (%subset? same (car lists) (cadr lists)) (%subset? same (cadr lists) (car lists))
             (loop (cdr lists))))))
"""#),
        ("%adjoin-all", #"""
(define (%adjoin-all same set l)
  (let loop ((l l) (set set))
    (cond ((null? l) set)
          ((%has? same set (car l)) (loop (cdr l) set))
          (else (loop (cdr l) (cons (car l) set))))))
"""#),
        ("lset-adjoin", #"""
(define (lset-adjoin same l . elements) (%adjoin-all same l elements))
"""#),
        ("lset-union", #"""
(define (lset-union same . lists)
  (let loop ((lists lists) (set '()))
    (cond ((null? lists) set)
          ((null? set) (loop (cdr lists) (car lists)))
          (else (loop (cdr lists) (%adjoin-all same set (car lists)))))))
"""#),
        ("lset-intersection", #"""
(define (lset-intersection same l . lists)
  (filter (lambda (x) (every (lambda (other) (%in? same x other)) lists)) l))
"""#),
        ("lset-difference", #"""
(define (lset-difference same l . lists)
  (filter (lambda (x) (not (any (lambda (other) (%in? same x other)) lists))) l))
"""#),
        ("lset-diff+intersection", #"""
(define (lset-diff+intersection same l . lists)
  (partition (lambda (x) (not (any (lambda (other) (%in? same x other)) lists))) l))
"""#),
        ("%xor2", #"""
(define (%xor2 same a b)
  (receive (a-b a&b) (lset-diff+intersection same a b)
    (cond ((null? a-b) (lset-difference same b a))
          ((null? a&b) (append b a))
          (else (let loop ((b b) (acc a-b))
                  (cond ((null? b) acc)
                        ((%has? same a&b (car b)) (loop (cdr b) acc))
                        (else (loop (cdr b) (cons (car b) acc)))))))))
"""#),
        ("lset-xor", #"""
(define (lset-xor same . lists)
  (if (null? lists)
      '()
      (let loop ((set (car lists)) (lists (cdr lists)))
        (if (null? lists) set (loop (%xor2 same set (car lists)) (cdr lists))))))
"""#),
        ("lset-union!", #"""
(define (lset-union! same . lists) (apply lset-union same lists))
"""#),
        ("lset-intersection!", #"""
(define (lset-intersection! same l . lists) (apply lset-intersection same l lists))
"""#),
        ("lset-difference!", #"""
(define (lset-difference! same l . lists) (apply lset-difference same l lists))
"""#),
        ("lset-xor!", #"""
(define (lset-xor! same . lists) (apply lset-xor same lists))
"""#),
        ("lset-diff+intersection!", #"""
(define (lset-diff+intersection! same l . lists) (apply lset-diff+intersection same l lists))
"""#),
        ("%string-span", #"""
(define (%string-span loc s rest)
  (if (not (string? s)) (%type-error loc s))
  (let* ((n (string-length s))
         (start (if (pair? rest) (car rest) 0))
         (end (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) n)))
    (if (not (fixnum? start)) (%type-error loc start))
    (if (not (fixnum? end)) (%type-error loc end))
    (if (not (<= 0 start end n)) (%bounds-error loc start end))
    (values start end)))
"""#),
        ("%string-spans2", #"""
(define (%string-spans2 loc s1 s2 rest)
  (receive (start1 end1) (%string-span loc s1 rest)
    (receive (start2 end2) (%string-span loc s2 (if (and (pair? rest) (pair? (cdr rest))) (cddr rest) '()))
      (values start1 end1 start2 end2))))
"""#),
        ("%string-count-arg", #"""
(define (%string-count-arg loc s n)
  (if (not (string? s)) (%type-error loc s))
  (if (not (and (fixnum? n) (<= 0 n (string-length s)))) (%bounds-error loc n))
  n)
"""#),
        ("%char-test", #"""
(define (%char-test loc x)
  (cond ((char? x) (lambda (c) (char=? c x)))
        ((procedure? x) x)
        ((string? x) (lambda (c) (string-index x c)))
        (else (%type-error loc x))))
"""#),
        ("%string-scan", #"""
(define (%string-scan s test start end backward want)
  (let ((step (if backward -1 1)))
    (let loop ((i (if backward (- end 1) start)))
      (cond ((or (< i start) (>= i end)) #f)
            ((eq? want (not (not (test (string-ref s i))))) i)
            (else (loop (+ i step)))))))
"""#),
        ("%string-index/pred", #"""
(define (%string-index/pred s test . rest)
  (receive (start end) (%string-span 'string-index s rest) (%string-scan s test start end #f #t)))
"""#),
        ("%string-rindex/pred", #"""
(define (%string-rindex/pred s test . rest)
  (receive (start end) (%string-span 'string-rindex s rest) (%string-scan s test start end #t #t)))
"""#),
        ("%string-search", #"""
(define (%string-search loc s test rest backward want)
  (receive (start end) (%string-span loc s rest) (%string-scan s (%char-test loc test) start end backward want)))
"""#),
        ("string-index-right", #"""
(define (string-index-right s test . rest) (%string-search 'string-index-right s test rest #t #t))
"""#),
        ("string-skip", #"""
(define (string-skip s test . rest) (%string-search 'string-skip s test rest #f #f))
"""#),
        ("string-skip-right", #"""
(define (string-skip-right s test . rest) (%string-search 'string-skip-right s test rest #t #f))
"""#),
        ("string-count", #"""
(define (string-count s test . rest)
  (receive (start end) (%string-span 'string-count s rest)
    (let ((test (%char-test 'string-count test)))
      (let loop ((i start) (n 0)) (if (>= i end) n (loop (+ i 1) (if (test (string-ref s i)) (+ n 1) n)))))))
"""#),
        ("string-every", #"""
(define (string-every test s . rest)
  (receive (start end) (%string-span 'string-every s rest)
    (let ((test (%char-test 'string-every test)))
      (let loop ((i start) (last #t))
        (if (>= i end) last (let ((r (test (string-ref s i)))) (and r (loop (+ i 1) r))))))))
"""#),
        ("string-any", #"""
(define (string-any test s . rest)
  (receive (start end) (%string-span 'string-any s rest)
    (let ((test (%char-test 'string-any test)))
      (let loop ((i start)) (and (< i end) (or (test (string-ref s i)) (loop (+ i 1))))))))
"""#),
        ("%prefix-length", #"""
(define (%prefix-length loc same s1 s2 rest)
  (receive (a1 b1 a2 b2) (%string-spans2 loc s1 s2 rest)
    (let loop ((i 0))
      (if (and (< (+ a1 i) b1) (< (+ a2 i) b2) (same (string-ref s1 (+ a1 i)) (string-ref s2 (+ a2 i))))
          (loop (+ i 1))
          i))))
"""#),
        ("%suffix-length", #"""
(define (%suffix-length loc same s1 s2 rest)
  (receive (a1 b1 a2 b2) (%string-spans2 loc s1 s2 rest)
    (let loop ((i 0))
      (if (and (< a1 (- b1 i)) (< a2 (- b2 i)) (same (string-ref s1 (- b1 i 1)) (string-ref s2 (- b2 i 1))))
          (loop (+ i 1))
          i))))
"""#),
        ("string-prefix-length", #"""
(define (string-prefix-length s1 s2 . rest) (%prefix-length 'string-prefix-length char=? s1 s2 rest))
"""#),
        ("string-suffix-length", #"""
(define (string-suffix-length s1 s2 . rest) (%suffix-length 'string-suffix-length char=? s1 s2 rest))
"""#),
        ("string-prefix-length-ci", #"""
(define (string-prefix-length-ci s1 s2 . rest) (%prefix-length 'string-prefix-length-ci char-ci=? s1 s2 rest))
"""#),
        ("string-suffix-length-ci", #"""
(define (string-suffix-length-ci s1 s2 . rest) (%suffix-length 'string-suffix-length-ci char-ci=? s1 s2 rest))
"""#),
        ("%string-compare", #"""
(define (%string-compare loc ci s1 s2 lt eq gt rest)
  (receive (a1 b1 a2 b2) (%string-spans2 loc s1 s2 rest)
    (let ((same? (if ci char-ci=? char=?)) (less? (if ci char-ci<? char<?)))
      (let loop ((i a1) (j a2))
        (cond ((= i b1) (if (= j b2) (eq i) (lt i)))
              ((= j b2) (gt i))
              ((same? (string-ref s1 i) (string-ref s2 j)) (loop (+ i 1) (+ j 1)))
              ((less? (string-ref s1 i) (string-ref s2 j)) (lt i))
              (else (gt i)))))))
"""#),
        ("string-compare", #"""
(define (string-compare s1 s2 lt eq gt . rest) (%string-compare 'string-compare #f s1 s2 lt eq gt rest))
"""#),
        ("string-compare-ci", #"""
(define (string-compare-ci s1 s2 lt eq gt . rest) (%string-compare 'string-compare-ci #t s1 s2 lt eq gt rest))
"""#),
        ("%string-relation", #"""
(define (%string-relation loc s1 s2 rest)
  (let* ((row (cdr (assq loc '((string= #f #f #t #f) (string<> #f #t #f #t) (string< #f #t #f #f)
                               (string> #f #f #f #t) (string<= #f #t #t #f) (string>= #f #f #t #t)
                               (string-ci= #t #f #t #f) (string-ci<> #t #t #f #t) (string-ci< #t #t #f #f)
                               (string-ci> #t #f #f #t) (string-ci<= #t #t #t #f) (string-ci>= #t #f #t #t)))))
         (answer (lambda (x) (lambda (i) x))))
    (%string-compare loc (car row) s1 s2 (answer (cadr row)) (answer (caddr row)) (answer (cadddr row)) rest)))
"""#),
        ("string=", #"""
(define (string= s1 s2 . rest) (%string-relation 'string= s1 s2 rest))
"""#),
        ("string<>", #"""
(define (string<> s1 s2 . rest) (%string-relation 'string<> s1 s2 rest))
"""#),
        ("string<", #"""
(define (string< s1 s2 . rest) (%string-relation 'string< s1 s2 rest))
"""#),
        ("string>", #"""
(define (string> s1 s2 . rest) (%string-relation 'string> s1 s2 rest))
"""#),
        ("string<=", #"""
(define (string<= s1 s2 . rest) (%string-relation 'string<= s1 s2 rest))
"""#),
        ("string>=", #"""
(define (string>= s1 s2 . rest) (%string-relation 'string>= s1 s2 rest))
"""#),
        ("string-ci=", #"""
(define (string-ci= s1 s2 . rest) (%string-relation 'string-ci= s1 s2 rest))
"""#),
        ("string-ci<>", #"""
(define (string-ci<> s1 s2 . rest) (%string-relation 'string-ci<> s1 s2 rest))
"""#),
        ("string-ci<", #"""
(define (string-ci< s1 s2 . rest) (%string-relation 'string-ci< s1 s2 rest))
"""#),
        ("string-ci>", #"""
(define (string-ci> s1 s2 . rest) (%string-relation 'string-ci> s1 s2 rest))
"""#),
        ("string-ci<=", #"""
(define (string-ci<= s1 s2 . rest) (%string-relation 'string-ci<= s1 s2 rest))
"""#),
        ("string-ci>=", #"""
(define (string-ci>= s1 s2 . rest) (%string-relation 'string-ci>= s1 s2 rest))
"""#),
        ("string-hash-ci", #"""
(define (string-hash-ci s . rest)
  (receive (start end) (%string-span 'string-hash-ci s (if (pair? rest) (cdr rest) '()))
    (apply string-hash (string-downcase (substring s start end)) (if (pair? rest) (list (car rest)) '()))))
"""#),
        ("string-null?", #"""
(define (string-null? s) (if (not (string? s)) (%type-error 'string-null? s)) (= (string-length s) 0))
"""#),
        ("string-take", #"""
(define (string-take s n) (substring s 0 (%string-count-arg 'string-take s n)))
"""#),
        ("string-drop", #"""
(define (string-drop s n) (substring s (%string-count-arg 'string-drop s n)))
"""#),
        ("string-take-right", #"""
(define (string-take-right s n)
  (let ((n (%string-count-arg 'string-take-right s n))) (substring s (- (string-length s) n))))
"""#),
        ("string-drop-right", #"""
(define (string-drop-right s n)
  (let ((n (%string-count-arg 'string-drop-right s n))) (substring s 0 (- (string-length s) n))))
"""#),
        ("substring/shared", #"""
(define (substring/shared s start . end)
  (receive (start end) (%string-span 'substring/shared s (cons start end)) (substring s start end)))
"""#),
        ("string-tabulate", #"""
(define (string-tabulate make len)
  (if (not (and (fixnum? len) (>= len 0))) (%type-error 'string-tabulate len))
  (let ((s (make-string len)))
    (do ((i 0 (+ i 1))) ((= i len) s) (string-set! s i (make i)))))
"""#),
        ("string-concatenate", #"""
(define (string-concatenate strings) (apply string-append strings))
"""#),
        ("string-concatenate/shared", #"""
(define (string-concatenate/shared strings) (apply string-append strings))
"""#),
        ("string-append/shared", #"""
(define (string-append/shared . strings) (apply string-append strings))
"""#),
        ("string-concatenate-reverse", #"""
(define (string-concatenate-reverse strings . final)
  (let ((tail (if (pair? final)
                  (substring (car final) 0 (if (pair? (cdr final)) (cadr final) (string-length (car final))))
                  "")))
    (apply string-append (reverse (cons tail strings)))))
"""#),
        ("string-concatenate-reverse/shared", #"""
(define (string-concatenate-reverse/shared strings . final) (apply string-concatenate-reverse strings final))
"""#),
        ("string-replace", #"""
(define (string-replace s1 s2 start1 end1 . rest)
  (receive (start1 end1) (%string-span 'string-replace s1 (list start1 end1))
    (receive (start2 end2) (%string-span 'string-replace s2 rest)
      (string-append (substring s1 0 start1) (substring s2 start2 end2) (substring s1 end1)))))
"""#),
        ("string-reverse", #"""
(define (string-reverse s . rest)
  (receive (start end) (%string-span 'string-reverse s rest)
    (list->string (reverse (string->list s start end)))))
"""#),
        ("string-reverse!", #"""
(define (string-reverse! s . rest)
  (receive (start end) (%string-span 'string-reverse! s rest)
    (let loop ((i start) (j (- end 1)))
      (if (< i j)
          (let ((c (string-ref s i)))
            (string-set! s i (string-ref s j))
            (string-set! s j c)
            (loop (+ i 1) (- j 1)))))))
"""#),
        ("xsubstring", #"""
(define (xsubstring s from . rest)
  (receive (start end) (%string-span 'xsubstring s (if (pair? rest) (cdr rest) '()))
    (let* ((len (- end start)) (to (if (pair? rest) (car rest) (+ from len))))
      (if (not (and (exact-integer? from) (exact-integer? to) (<= from to))) (%bounds-error 'xsubstring from to))
      (if (and (= len 0) (< from to)) (%bounds-error 'xsubstring from to))
      (string-tabulate (lambda (i) (string-ref s (+ start (modulo (+ from i) len)))) (- to from)))))
"""#),
        ("string-xcopy!", #"""
(define (string-xcopy! target at s from . rest) (string-copy! target at (apply xsubstring s from rest)))
"""#),
        ("%string-map!", #"""
(define (%string-map! loc f s rest)
  (receive (start end) (%string-span loc s rest)
    (do ((i start (+ i 1))) ((= i end)) (string-set! s i (f (string-ref s i))))))
"""#),
        ("string-map!", #"""
(define (string-map! f s . rest) (%string-map! 'string-map! f s rest))
"""#),
        ("string-upcase!", #"""
(define (string-upcase! s . rest) (%string-map! 'string-upcase! char-upcase s rest))
"""#),
        ("string-downcase!", #"""
(define (string-downcase! s . rest) (%string-map! 'string-downcase! char-downcase s rest))
"""#),
        ("%titlecase!", #"""
(define (%titlecase! s start end)
  (let loop ((i start) (in-word #f))
    (if (< i end)
        (let ((c (string-ref s i)))
          (cond ((not (char-alphabetic? c)) (loop (+ i 1) #f))
                (else (string-set! s i (if in-word (char-downcase c) (char-upcase c))) (loop (+ i 1) #t)))))))
"""#),
        ("string-titlecase!", #"""
(define (string-titlecase! s . rest)
  (receive (start end) (%string-span 'string-titlecase! s rest) (%titlecase! s start end)))
"""#),
        ("string-titlecase", #"""
(define (string-titlecase s . rest)
  (receive (start end) (%string-span 'string-titlecase s rest)
    (let ((t (substring s start end))) (%titlecase! t 0 (- end start)) t)))
"""#),
        ("string-fold", #"""
(define (string-fold kons knil s . rest)
  (receive (start end) (%string-span 'string-fold s rest)
    (let loop ((i start) (acc knil)) (if (>= i end) acc (loop (+ i 1) (kons (string-ref s i) acc))))))
"""#),
        ("string-fold-right", #"""
(define (string-fold-right kons knil s . rest)
  (receive (start end) (%string-span 'string-fold-right s rest)
    (let loop ((i (- end 1)) (acc knil)) (if (< i start) acc (loop (- i 1) (kons (string-ref s i) acc))))))
"""#),
        ("string-unfold", #"""
(define (string-unfold stop? char-of next seed . rest)
  (let ((base (if (pair? rest) (car rest) ""))
        (final (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) (lambda (seed) ""))))
    (let loop ((seed seed) (acc '()))
      (if (stop? seed)
          (string-append base (list->string (reverse! acc)) (final seed))
          (loop (next seed) (cons (char-of seed) acc))))))
"""#),
        ("string-unfold-right", #"""
(define (string-unfold-right stop? char-of next seed . rest)
  (let ((base (if (pair? rest) (car rest) ""))
        (final (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) (lambda (seed) ""))))
    (let loop ((seed seed) (acc '()))
      (if (stop? seed)
          (string-append (final seed) (list->string acc) base)
          (loop (next seed) (cons (char-of seed) acc))))))
"""#),
        ("%filter-string", #"""
(define (%filter-string loc keep a b rest)
  (let* ((s (if (string? a) a b)) (test (%char-test loc (if (string? a) b a))))
    (receive (start end) (%string-span loc s rest)
      (let ((out (open-output-string)))
        (do ((i start (+ i 1))) ((= i end) (get-output-string out))
          (let ((c (string-ref s i))) (if (eq? keep (not (not (test c)))) (write-char c out))))))))
"""#),
        ("string-filter", #"""
(define (string-filter a b . rest) (%filter-string 'string-filter #t a b rest))
"""#),
        ("string-delete", #"""
(define (string-delete a b . rest) (%filter-string 'string-delete #f a b rest))
"""#),
        ("%graphic-char?", #"""
(define (%graphic-char? c)
  (let ((n (char->integer c))) (and (> n 32) (not (= n 127)) (not (char-whitespace? c)))))
"""#),
        ("string-tokenize", #"""
(define (string-tokenize s . rest)
  (let ((test (if (pair? rest) (%char-test 'string-tokenize (car rest)) %graphic-char?)))
    (receive (start end) (%string-span 'string-tokenize s (if (pair? rest) (cdr rest) '()))
      (let loop ((i start) (acc '()))
        (let ((a (%string-scan s test i end #f #t)))
          (if (not a)
              (reverse! acc)
              (let ((b (or (%string-scan s test a end #f #f) end)))
                (loop b (cons (substring s a b) acc)))))))))
"""#),
    ]
}
