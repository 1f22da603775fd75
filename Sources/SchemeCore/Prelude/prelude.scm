;;; The part of the base library that is clearer in Scheme than in Swift. Built into the
;;; interpreter: scripts/gen-prelude.py turns this file into Prelude.swift. Forms before
;;; the @lazy line run at start-up; each procedure defined after it is compiled the first
;;; time a program refers to it.

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
    ((_ (else e ...)) (begin e ...))
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
    ((_ k (else => f)) (f k))
    ((_ k (else e ...)) (begin e ...))
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
(define-syntax receive
  (syntax-rules ()
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
    ((_ ((p v) ...) body ...) (%parameterize (list p ...) (list v ...) (lambda () body ...)))))
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
    ((_ e) (if e (void) (error "assertion failed" 'e)))
    ((_ e msg arg ...) (if e (void) (error msg arg ...)))))
(define-syntax define-record-type
  (syntax-rules ()
    ((_ tname (ctor cfield ...) pred (fname . faccess) ...)
     (begin
       (define tname (%make-record-type 'tname '(fname ...)))
       (define (ctor cfield ...) (%make-record-fields tname '(cfield ...) (list cfield ...)))
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
  (syntax-rules ()
    ((_ t) (begin))
    ((_ t (f) more ...) (%define-record-fields t more ...))
    ((_ t (f acc) more ...)
     (begin (define acc (%record-accessor t 'f)) (%define-record-fields t more ...)))
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
  (%parameter-set! p ((%parameter-converter p) v)))

;;; @lazy

;;; Control

(define (call-with-values producer consumer) (%apply-values consumer (producer)))

(define (dynamic-wind before thunk after)
  (before)
  (%set-winders! (cons (cons before after) (%winders)))
  (call-with-values thunk
    (lambda results
      (%set-winders! (cdr (%winders)))
      (after)
      (apply values results))))

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

(define (current-exception-handler)
  (let ((hs (%handlers)))
    (if (null? hs) %uncaught (car hs))))

(define (signal c) (raise-continuable c))
(define (abort c) (raise c))

(define (%parameterize ps vs thunk)
  (let ((new (map (lambda (p v)
                    (let ((c (%parameter-converter p))) (if c (c v) v)))
                  ps vs))
        (old #f))
    (dynamic-wind
     (lambda () (set! old (map (lambda (p) (p)) ps)) (for-each %param-set! ps new))
     thunk
     (lambda () (set! new (map (lambda (p) (p)) ps)) (for-each %param-set! ps old)))))

(define (%case-lambda procs)
  (lambda args
    (let ((n (length args)))
      (let loop ((ps procs))
        (cond ((null? ps) (error "case-lambda: no clause matches arguments" args))
              ((procedure-arity-matches? (car ps) n) (apply (car ps) args))
              (else (loop (cdr ps))))))))

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

(define (eval x . env) (%eval x))
(define (load file . rest)
  (for-each (lambda (d) (%eval d)) (%read-file file)))

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
          (else (error 'get-condition-property "condition has no such property" c kind prop)))))
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
(define (print-error-message c . rest)
  (let ((port (if (pair? rest) (car rest) (current-error-port)))
        (header (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) "Error")))
    (display (string-append header ": " (%error-text c)) port)
    (newline port)))

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
    (parameterize ((current-output-port port)) (thunk))
    (get-output-string port)))
(define (call-with-output-string proc)
  (let ((port (open-output-string)))
    (proc port)
    (get-output-string port)))
(define (with-input-from-string s thunk)
  (parameterize ((current-input-port (open-input-string s))) (thunk)))

;;; Lists

(define (map f l . ls)
  (if (null? ls)
      (let loop ((l l) (acc '()))
        (if (pair? l) (loop (cdr l) (cons (f (car l)) acc)) (reverse! acc)))
      (let loop ((ls (cons l ls)) (acc '()))
        (if (%all-pairs? ls)
            (loop (%cdrs ls) (cons (apply f (%cars ls)) acc))
            (reverse! acc)))))
(define (for-each f l . ls)
  (if (null? ls)
      (let loop ((l l))
        (if (pair? l) (begin (f (car l)) (loop (cdr l)))))
      (let loop ((ls (cons l ls)))
        (if (%all-pairs? ls) (begin (apply f (%cars ls)) (loop (%cdrs ls)))))))
(define (%all-pairs? ls) (or (null? ls) (and (pair? (car ls)) (%all-pairs? (cdr ls)))))
(define (%cars ls) (if (null? ls) '() (cons (caar ls) (%cars (cdr ls)))))
(define (%cdrs ls) (if (null? ls) '() (cons (cdar ls) (%cdrs (cdr ls)))))
(define (member x l . p)
  (if (null? p)
      (%member x l)
      (let ((same (car p)))
        (let loop ((l l)) (cond ((not (pair? l)) #f) ((same x (car l)) l) (else (loop (cdr l))))))))
(define (assoc x l . p)
  (if (null? p)
      (%assoc x l)
      (let ((same (car p)))
        (let loop ((l l)) (cond ((not (pair? l)) #f) ((same x (caar l)) (car l)) (else (loop (cdr l))))))))
(define (filter pred l)
  (let loop ((l l) (acc '()))
    (cond ((null? l) (reverse! acc)) ((pred (car l)) (loop (cdr l) (cons (car l) acc))) (else (loop (cdr l) acc)))))
(define (remove pred l) (filter (lambda (x) (not (pred x))) l))
(define (fold f acc l . ls)
  (if (null? ls)
      (let loop ((l l) (acc acc)) (if (pair? l) (loop (cdr l) (f (car l) acc)) acc))
      (let loop ((ls (cons l ls)) (acc acc))
        (if (%all-pairs? ls) (loop (%cdrs ls) (apply f (append (%cars ls) (list acc)))) acc))))
(define (fold-right f acc l)
  (let loop ((l (reverse l)) (acc acc)) (if (pair? l) (loop (cdr l) (f (car l) acc)) acc)))
(define (foldl f acc l) (let loop ((l l) (acc acc)) (if (pair? l) (loop (cdr l) (f acc (car l))) acc)))
(define (foldr f acc l) (fold-right f acc l))
(define (reduce f ridentity l)
  (if (null? l) ridentity (fold f (car l) (cdr l))))
(define (any pred l . ls)
  (if (null? ls)
      (let loop ((l l)) (and (pair? l) (or (pred (car l)) (loop (cdr l)))))
      (let loop ((ls (cons l ls))) (and (%all-pairs? ls) (or (apply pred (%cars ls)) (loop (%cdrs ls)))))))
(define (every pred l . ls)
  (if (null? ls)
      (let loop ((l l) (last #t)) (if (pair? l) (let ((r (pred (car l)))) (and r (loop (cdr l) r))) last))
      (let loop ((ls (cons l ls)) (last #t))
        (if (%all-pairs? ls) (let ((r (apply pred (%cars ls)))) (and r (loop (%cdrs ls) r))) last))))
(define (find pred l) (let loop ((l l)) (cond ((not (pair? l)) #f) ((pred (car l)) (car l)) (else (loop (cdr l))))))
(define (find-tail pred l) (let loop ((l l)) (cond ((not (pair? l)) #f) ((pred (car l)) l) (else (loop (cdr l))))))
(define (list-index pred l) (let loop ((l l) (i 0)) (cond ((not (pair? l)) #f) ((pred (car l)) i) (else (loop (cdr l) (+ i 1))))))
(define (filter-map f l)
  (let loop ((l l) (acc '()))
    (if (pair? l) (let ((v (f (car l)))) (loop (cdr l) (if v (cons v acc) acc))) (reverse! acc))))
(define (append-map f l) (apply append (map f l)))
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
(define (sort seq less?)
  (if (vector? seq)
      (list->vector (%merge-sort (vector->list seq) less?))
      (%merge-sort seq less?)))
(define (%merge-sort l less?)
  (define (merge a b)
    (cond ((null? a) b)
          ((null? b) a)
          ((less? (car b) (car a)) (cons (car b) (merge a (cdr b))))
          (else (cons (car a) (merge (cdr a) b)))))
  (let ((n (length l)))
    (if (< n 2)
        l
        (let ((half (quotient n 2)))
          (merge (%merge-sort (list-head l half) less?) (%merge-sort (list-tail l half) less?))))))
(define (list-head l k) (if (= k 0) '() (cons (car l) (list-head (cdr l) (- k 1)))))
