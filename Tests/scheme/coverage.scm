;;; One check for each procedure that no other suite exercises, so that every name in
;;; docs/reference.md has a test.

;; Numbers
(test "<=" '(#t #f) (list (<= 1 2 2) (<= 2 1)))
(test "trig" '(#t #t #t) (list (< (abs (- (cos 0) 1)) 1e-12) (< (abs (asin 0)) 1e-12) (< (abs (acos 1)) 1e-12)))
(test "representation predicates" '(#t #f #t #t #f) (list (bignum? (expt 2 100)) (bignum? 5) (flonum? 1.5) (ratnum? 1/3) (ratnum? 2)))
(test "complex? real?" '(#t #t #f) (list (complex? 1) (real? 1.5) (real? 'a)))
(test "exact-integer?" '(#t #f) (list (exact-integer? 5) (exact-integer? 5.0)))
(test "finite? infinite?" '(#t #f #t) (list (finite? 1.0) (finite? (/ 1. 0.)) (infinite? (/ -1. 0.))))
(test "floor-quotient floor-remainder" '(-4 -1) (list (floor-quotient 7 -2) (floor-remainder 7 -2)))
(test "truncate-quotient truncate-remainder" '(-3 1) (list (truncate-quotient 7 -2) (truncate-remainder 7 -2)))
(test "negative? zero?" '(#t #f #t) (list (negative? -1) (negative? 0) (zero? 0.0)))
(test "pseudo-random-real" #t (let ((r (pseudo-random-real))) (and (>= r 0) (< r 1))))
(test "flonum-print-precision" "3.14159265358979" (number->string 3.141592653589793))
(test "flonum-print-precision 17" "3.1415926535897931"
      (let ((old (flonum-print-precision))) (flonum-print-precision 17)
        (let ((s (number->string 3.141592653589793))) (flonum-print-precision old) s)))

;; Booleans, characters, symbols
(test "boolean?" '(#t #f) (list (boolean? #f) (boolean? 0)))
(test "char?" '(#t #f) (list (char? #\a) (char? "a")))
(test "char comparisons" '(#t #t #t #t #t) (list (char=? #\a #\a) (char<? #\a #\b #\c) (char>? #\c #\b) (char<=? #\a #\a) (char>=? #\b #\a)))
(test "char-ci comparisons" '(#t #t) (list (char-ci=? #\a #\A) (char-ci<? #\a #\B)))
(test "char case" '(#\a #\a #t #t) (list (char-downcase #\A) (char-foldcase #\A) (char-upper-case? #\A) (char-lower-case? #\a)))
(test "char-whitespace?" '(#t #f) (list (char-whitespace? #\space) (char-whitespace? #\a)))
(test "digit-value" '(7 #f) (list (digit-value #\7) (digit-value #\a)))
(test "symbol=?" '(#t #f) (list (symbol=? 'a 'a 'a) (symbol=? 'a 'b)))
(test "gensym is fresh" #f (eq? (gensym) (gensym)))
(test "string->uninterned-symbol" #f (eq? (string->uninterned-symbol "u") 'u))

;; Strings
(test "string comparisons" '(#t #t #t #t) (list (string>? "b" "a") (string<=? "a" "a" "b") (string>=? "b" "b") (string-ci<? "a" "B")))
(test "string-copy! string-fill!" "aXYd!"
      (let ((s (make-string 5 #\a))) (string-copy! s 1 "XYZ" 0 2) (string-fill! s #\d 3 4) (string-set! s 4 #\!) s))
;; A target position near the largest fixnum: a range error, not an overflow in the check.
(test-error "string-copy! at the largest fixnum" (exn bounds) (string-copy! (make-string 3) most-positive-fixnum "abc"))
(test-error "vector-copy! at the largest fixnum" (exn bounds) (vector-copy! (make-vector 3) most-positive-fixnum #(1 2 3)))
(test "string-foldcase" "hello" (string-foldcase "HeLLo"))
(test "string-for-each" "cba" (let ((acc '())) (string-for-each (lambda (c) (set! acc (cons c acc))) "abc") (list->string acc)))
(test "string->vector vector->string" '(#(#\a #\b) "ab") (list (string->vector "ab") (vector->string #(#\a #\b))))
(test "string-compare3-ci" 0 (string-compare3-ci "abc" "ABC"))
(test "string-contains" '(2 #f) (list (string-contains "hello" "ll") (string-contains "hello" "z")))
(test "string-contains-ci" 2 (string-contains-ci "heLLo" "ll"))
(test "string-rindex" 3 (string-rindex "hello" #\l))
(test "string-prefix-ci? string-suffix-ci?" '(#t #t) (list (string-prefix-ci? "HE" "hello") (string-suffix-ci? "LO" "hello")))
(test "string-join" '("a, b" "a;b;" ";a;b") (list (string-join '("a" "b") ", ") (string-join '("a" "b") ";" 'suffix) (string-join '("a" "b") ";" 'prefix)))
(test "string-trim family" '("x  " "  x" "x" "x--") (list (string-trim "  x  ") (string-trim-right "  x  ") (string-trim-both "  x  ") (string-trim "--x--" #\-)))
(test "string-hash" #t (= (string-hash "abc") (string-hash (string #\a #\b #\c))))

;; Lists
(test "list? make-list memv" '(#t (x x) (2 3)) (list (list? '(1 2)) (make-list 2 'x) (memv 2 '(1 2 3))))
(test "caar cddddr" '(1 (5)) (list (caar '((1))) (cddddr '(1 2 3 4 5))))
(test "fifth … tenth" '(5 6 7 8 9 10) (let ((l (iota 10 1))) (list (fifth l) (sixth l) (seventh l) (eighth l) (ninth l) (tenth l))))
(test "list-head" '(1 2) (list-head '(1 2 3) 2))
(test "append!" '(1 2 3) (append! (list 1) (list 2 3)))
(test "append-reverse" '(3 2 1 4) (append-reverse '(1 2 3) '(4)))
(test "append-reverse!" '(3 2 1 4) (append-reverse! (list 1 2 3) '(4)))
(test "alist-copy" '((a . 1)) (let* ((al (list (cons 'a 1))) (c (alist-copy al))) (set-cdr! (car al) 2) c))
(test "alist-update!" '((a . 9)) (alist-update! 'a 9 (list (cons 'a 1))))
(test "merge!" '(1 2 3 4) (merge! (list 1 3) (list 2 4) <))

;; Vectors and bytevectors
(test "vector?" '(#t #f) (list (vector? #(1)) (vector? '(1))))
(test "vector-for-each" 6 (let ((s 0)) (vector-for-each (lambda (x) (set! s (+ s x))) #(1 2 3)) s))
(test "bytevectors" '(#t 3 #u8(1 9 3) #u8(1 2 3 4))
      (let ((b (bytevector 1 2 3)))
        (list (bytevector? b) (bytevector-length b) (begin (bytevector-u8-set! b 1 9) b) (bytevector-append (bytevector 1 2) (bytevector 3 4)))))

;; Hash tables
(define ht (alist->hash-table '((a . 1) (b . 2))))
(test "hash-table?" '(#t #f) (list (hash-table? ht) (hash-table? '())))
(test "hash-table-contains?" #t (hash-table-contains? ht 'a))
(test "hash-table-equivalence-function" #t (procedure? (hash-table-equivalence-function ht)))
(test "hash-table-hash-function" #f (hash-table-hash-function ht))
(test "hash-table-for-each" 3 (let ((s 0)) (hash-table-for-each ht (lambda (k v) (set! s (+ s v)))) s))
(test "hash-table-map" '(1 2) (sort (hash-table-map ht (lambda (k v) v)) <))
(test "hash-table-merge!" 3 (hash-table-count (hash-table-merge! (hash-table-copy ht) (alist->hash-table '((c . 3))))))
(test "eq-hash eqv-hash equal-hash" '(#t #t #t)
      (list (= (eq-hash 'a) (eq-hash 'a)) (= (eqv-hash 5) (eqv-hash 5)) (= (equal-hash '(1 2)) (equal-hash (list 1 2)))))

;; Control and conditions
(test "call-with-current-continuation" 3 (+ 1 (call-with-current-continuation (lambda (k) (k 2)))))
(test "let*-values" '(1 2 3) (let*-values (((a b) (values 1 2)) ((c) (values (+ a b)))) (list a b c)))
(test "abort" 'aborted (call/cc (lambda (k) (with-exception-handler (lambda (e) (k e)) (lambda () (abort 'aborted))))))
(test "condition?" '(#t #f) (list (condition? (make-property-condition 'x)) (condition? 5)))
(test "file-error? read-error?" '(#t #t)
      (list (handle-exceptions e (file-error? e) (open-input-file "/no/such/file"))
            (handle-exceptions e (read-error? e) (read (open-input-string "(1 . )")))))
(test "print-error-message" "\nError: (car) bad argument type: 5\n"
      (let ((p (open-output-string))) (handle-exceptions e (print-error-message e p) (car 5)) (get-output-string p)))
(test "print-error-message of other objects, as csi prints them"
      '("\nOops: <condition> (my-kind)" "\nOops: a string\n" "\nOops: uncaught exception: a-symbol\n" "\nError: <condition> (a b)")
      (map (lambda (obj header)
             (let ((p (open-output-string))) (apply print-error-message obj p header) (get-output-string p)))
           (list (make-property-condition 'my-kind 'a 1) "a string" 'a-symbol
                 (make-composite-condition (make-property-condition 'a) (make-property-condition 'b)))
           '(("Oops") ("Oops") ("Oops") ())))
(test "procedure-arity-matches?" '(#t #f) (list (procedure-arity-matches? (lambda (x) x) 1) (procedure-arity-matches? (lambda (x) x) 2)))
(test "environments" '(3 #t) (list (eval '(+ 1 2) (scheme-report-environment 5)) (handle-exceptions e #t (eval '(+ 1 2) (null-environment 5)))))
(test "clocks" '(#t #t #t) (list (> (current-seconds) 1e9) (>= (current-process-milliseconds) 0)
                                 (call-with-values cpu-time (lambda (user system) (>= user 0)))))
(test "set-environment-variable!" "v1" (begin (set-environment-variable! "CSI_SWIFT_TEST_VAR" "v1") (get-environment-variable "CSI_SWIFT_TEST_VAR")))

;; Ports
(test "print*" "ab" (with-output-to-string (lambda () (print* "a" 'b))))
(test "write-shared write-simple" "(1 2)(1 2)" (with-output-to-string (lambda () (write-shared '(1 2)) (write-simple '(1 2)))))
(test "textual-port?" #t (textual-port? (current-output-port)))
(test "port open predicates" '(#t #f #t)
      (let ((p (open-input-string "x")) (o (open-output-string)))
        (let ((before (input-port-open? p))) (close-port p) (list before (input-port-open? p) (output-port-open? o)))))
(test "read-string!" '(3 "-abc-") (let ((s (make-string 5 #\-))) (list (read-string! 3 s (open-input-string "abcdef") 1) s)))
(test "port-for-each" '("b" "a") (let ((acc '()) (p (open-input-string "a\nb\n"))) (port-for-each (lambda (l) (set! acc (cons l acc))) (lambda () (read-line p))) acc))
(test "port-map" '("A" "B") (let ((p (open-input-string "a\nb\n"))) (port-map string-upcase (lambda () (read-line p)))))
(test "with-input-from-port" "line" (with-input-from-port (open-input-string "line\n") read-line))
(test "with-error-output-to-port" "err" (let ((p (open-output-string))) (with-error-output-to-port p (lambda () (display "err" (current-error-port)))) (get-output-string p)))
(test "directory-exists?" '(#t #f) (list (and (directory-exists? "/tmp") #t) (directory-exists? "/no/such/dir")))

;; Threads
(test "condition variables" '(#t cv-name spec)
      (let ((cv (make-condition-variable 'cv-name))) (condition-variable-specific-set! cv 'spec)
        (list (condition-variable? cv) (condition-variable-name cv) (condition-variable-specific cv))))
(test "mutex?" '(#t #f) (list (mutex? (make-mutex)) (mutex? 1)))
(test "exception predicates" '(#t #t #t #t)
      (let ((t (thread-start! (make-thread (lambda () (thread-sleep! 5))))))
        (list (handle-exceptions e (join-timeout-exception? e) (thread-join! t 0.001))
              (begin (thread-terminate! t) (handle-exceptions e (terminated-thread-exception? e) (thread-join! t)))
              (handle-exceptions e (uncaught-exception? e) (thread-join! (thread-start! (make-thread (lambda () (car 1))))))
              (let ((m (make-mutex)))
                (thread-join! (thread-start! (make-thread (lambda () (mutex-lock! m)))))
                (handle-exceptions e (abandoned-mutex-exception? e) (mutex-lock! m))))))
(test "time->milliseconds" 1500 (time->milliseconds (seconds->time 1.5)))

;; Binary I/O (R7RS): every port carries bytes
(test "bytevector input port" '(1 1 #u8(2 3) 255 #t #t)
      (let ((p (open-input-bytevector (bytevector 1 2 3 255))))
        (list (peek-u8 p) (read-u8 p) (read-bytevector 2 p) (read-u8 p) (eof-object? (read-u8 p)) (binary-port? p))))
(test "bytevector output port" #u8(65 67 68)
      (let ((o (open-output-bytevector))) (write-u8 65 o) (write-bytevector (bytevector 66 67 68) o 1) (get-output-bytevector o)))
(test "bytes of a textual port" '(195 169) (let ((p (open-input-string "é"))) (list (read-u8 p) (read-u8 p))))
(test "u8-ready?" #t (u8-ready? (open-input-bytevector (bytevector 7))))
(test "read-bytevector at end" #t (eof-object? (read-bytevector 3 (open-input-bytevector (bytevector)))))
(test-error "write-u8 of a non-byte" (exn type) (write-u8 256 (open-output-bytevector)))
