;;; Printer (as CHICKEN 5.3 prints, measured with csi), numbers, lists, strings, vectors.

(define (w x) (call-with-output-string (lambda (p) (write x p))))
(define (d x) (call-with-output-string (lambda (p) (display x p))))

(test "write flonums" "(1.0 0.1 1e+21 -0.0 +nan.0 1.4142135623731 1/3 1267650600228229401496703205376 123.456 1e-07 100.0 0.333333333333333)"
      (w (list 1.0 0.1 1e21 -0.0 (/ 0. 0.) (sqrt 2) 1/3 (expt 2 100) 123.456 1e-7 100.0 (exact->inexact 1/3))))
(test "write more flonums" "(3/2 2 0.666666666666667 +inf.0 -inf.0 15000000000.0 12345678901234.5 0.000123 1e+100 123456789012345680.0)"
      (w (list (/ 6 4) (/ 6 3) (exact->inexact 2/3) (* 1.0 1e300 1e10) (- (* 1.0 1e300 1e10)) 1.5e10 12345678901234.5 0.000123 1e100 123456789012345678.0)))
(test "integral flonum" "12345678901234567168.0" (w (exact->inexact 12345678901234567890)))
(test "write chars" "(#\\null #\\alarm #\\backspace #\\tab #\\newline #\\vtab #\\page #\\return #\\escape #\\delete #\\space #\\a #\\λ)"
      (w (list #\x0 #\x7 #\x8 #\x9 #\xa #\xb #\xc #\xd #\x1b #\x7f #\x20 #\a #\x3bb)))
(test "#\\vtab reads" #\xb (with-input-from-string "#\\vtab" read))
(test "write strings" "(\"a\\nb\\t\\\"\" \"\\x7f\\x01é\")" (w (list "a\nb\t\"" (string #\x7f #\x1 #\xe9))))
(test "write symbols" "(abc |a b| A || |1| |#foo| |.| a.b +a - 1+ ...)"
      (w (list 'abc '|a b| (string->symbol "A") (string->symbol "") (string->symbol "1") '|#foo| '|.| 'a.b '+a '- '1+ '...)))
(test "symbols with a backslash or a control character write and read back as csi's"
      '("|a\\\\b|" "|a\\x09b|" #t #t)
      (let ((back (string->symbol "a\\b")) (tab (string->symbol "a\tb")))
        (list (w back) (w tab)
              (eq? back (with-input-from-string (w back) read))
              (eq? tab (with-input-from-string (w tab) read)))))
(test "a backslash outside the bars of a barred symbol escapes, as in csi" '("asbc d" "c dx y")
      (map (lambda (s) (symbol->string (with-input-from-string s read))) '("a\\sb|c d|" "|c d|x\\ y")))
(test "\\xHH between a symbol's bars takes two digits, as in strings" '("aA;b" "aAb") (map symbol->string '(|a\x41;b| |a\x41b|)))
(test "write procedures" "(#<procedure (foo a b . c)> #<procedure (? x)>)"
      (let () (define (foo a b . c) a) (w (list foo (lambda (x) x)))))
(test "write specials" "(#<unspecified> #!eof #!default)" (w (list (void) #!eof #!default)))
(test "write pairs and vectors" "#(1 \"a\" #\\b)(1 . 2)(quote a)(quasiquote (a (unquote b) (unquote-splicing c)))"
      (string-append (w (vector 1 "a" #\b)) (w '(1 . 2)) (w ''a) (w '`(a ,b ,@c))))
(test "write record" "#<point2>" (let () (define-record-type point2 (mk x) p? (x px)) (w (mk 1))))
(test "write condition" "#<condition: (exn)>" (w (make-property-condition 'exn 'message "hi")))
(test "write promise" "#<promise>" (w (delay 1)))
(test "write port" "#<output port \"(string)\">" (w (open-output-string)))
(test "write circular list" "#0=(1 2 . #0#)" (w (let ((x (list 1 2))) (set-cdr! (cdr x) x) x)))
(test "write circular vector" "#0=#(1 #0#)" (w (let ((v (vector 1 2))) (vector-set! v 1 v) v)))
;; The cycle search marks every pair and vector (its own address table, no Swift Set):
;; shared structure that is no cycle has no labels; cycles far down or inside cars do.
(test "shared, not cyclic: no labels" "((1 2) #(1 2) (1 2) #(1 2))"
      (let ((l (list 1 2)) (v (vector 1 2))) (w (list l v l v))))
(test "a cycle after 100,000 elements" '(#t #t)
      (let* ((l (iota 100000)) (last (list-tail l 99999)))
        (set-cdr! last (list-tail l 99990))
        (let ((s (w l)))
          (list (string=? "(0 1 2 " (substring s 0 7))
                (string=? "#0=(99990 99991 99992 99993 99994 99995 99996 99997 99998 99999 . #0#))"
                          (substring s (- (string-length s) 71)))))))
(test "cycles found across the growth of the printer's table (64 slots on the stack, then the heap)"
      '(#t #t #t #t #t #t #t #t)
      (map (lambda (n)
             (let ((l (iota n)) (tail (string-append " " (number->string (- n 1)) " . #0#)")))
               (set-cdr! (list-tail l (- n 1)) l)
               (let ((s (w l)))
                 (and (string=? "#0=(0 1 " (substring s 0 8))
                      (string=? tail (substring s (- (string-length s) (string-length tail))))))))
           '(30 31 32 33 63 64 65 129)))
(test "a cycle through a car and a vector" "(a #0=#((b . #0#)))"
      (let ((v (vector #f))) (vector-set! v 0 (cons 'b v)) (w (list 'a v))))
(test "write of many records, fixnums and flonums" "((-3 \"x\" y #(-3 2.5) #\\a) (-2 \"x\" y #(-2 2.5) #\\a))"
      (w (map (lambda (i) (list i "x" 'y (vector i 2.5) #\a)) '(-3 -2))))
(test "display of symbols: the name, a keyword in the keyword style" '("abc" "un" "x y" "kw:" ":kw")
      (list (d 'abc) (d (string->uninterned-symbol "un")) (d '|x y|) (d #:kw)
            (let ((old (keyword-style))) (keyword-style #:prefix) (let ((r (d #:kw))) (keyword-style old) r))))
(test "fixnums at the edges" "(0 -1 9 10 -4611686018427387904 4611686018427387903)"
      (w (list 0 -1 9 10 most-negative-fixnum most-positive-fixnum)))
(test "shared but acyclic prints plainly" "((1) (1))" (w (let ((x (list 1))) (list x x))))
(test "display" "(1.5 a b c)" (d (list 1.5 "a" #\b 'c)))
(test "bytevector" "#u8(1 2 255)" (w (bytevector 1 2 255)))

(test "fixnum overflow to bignum" 9223372036854775808 (+ 9223372036854775807 1))
(test "bignum multiply" "1267650600228229401496703205376" (number->string (* (expt 2 50) (expt 2 50))))
(test "bignum back to fixnum" 1 (- (+ 9223372036854775807 2) 9223372036854775808))
(test "negative overflow" -9223372036854775809 (- -9223372036854775808 1))
(test "fixnum multiply overflow" 85070591730234615847396907784232501249 (* 9223372036854775807 9223372036854775807))
(test "rationals" '(1/3 1/2 3) (list (/ 1 3) (/ 2 4) (/ 6 2)))
(test "rational arithmetic" 5/6 (+ 1/2 1/3))
(test "exact->inexact" .5 (exact->inexact 1/2))
(test "inexact->exact" 1/2 (inexact->exact .5))
(test "number syntax" '(255 5 8 3/2 100.0 -3) (list #xff #b101 #o10 #e1.5 #i100 -3))
(test "exact decimals" 3/2 #e1.5)
(test "string->number" '(42 #f 1/2 255) (list (string->number "42") (string->number "x") (string->number "1/2") (string->number "ff" 16)))
(test "number->string radix" "ff" (number->string 255 16))
(test "quotient etc" '(3 1 1 -3) (list (quotient 7 2) (remainder 7 2) (modulo -7 2) (modulo 7 -5 )))
(test "exact-integer-sqrt" '(3 4) (call-with-values (lambda () (exact-integer-sqrt 13)) list))
(test "expt" '(1024 1/8 4.0) (list (expt 2 10) (expt 2 -3) (expt 2. 2)))
(test "sqrt exact" '(4 1/2) (list (sqrt 16) (sqrt 1/4)))
(test "max inexact contagion" 3.0 (max 1 2.0 3))
(test "round to even" '(2.0 4.0 -2.0 2) (list (round 2.5) (round 3.5) (round -2.5) (round 5/2)))
(test "floor ceiling truncate" '(1 2 1 -2) (list (floor 3/2) (ceiling 3/2) (truncate 3/2) (floor -3/2)))
(test "gcd lcm" '(4 12) (list (gcd 8 12) (lcm 4 6)))
(test "bitwise" '(1 7 6 -1 8 2) (list (bitwise-and 3 5) (bitwise-ior 3 5) (bitwise-xor 3 5) (bitwise-not 0) (arithmetic-shift 1 3) (arithmetic-shift 8 -2)))
(test "comparisons" '(#t #f #t #t) (list (< 1 2 3) (< 1 3 2) (= 1 1.0) (>= 3 3 2)))
(test "big comparisons" #t (< (expt 2 70) (expt 2 71)))
(test "exactness" '(#t #f #t) (list (exact? 1/2) (exact? .5) (inexact? 1.)))
(test "integer?" '(#t #t #f) (list (integer? 2) (integer? 2.0) (integer? 2.5)))
(test-error "integer->char range" (exn) (integer->char -1))

(test "list ops" '(3 (3 2 1) (1 2 3 4) 2 (2 3)) (list (length '(1 2 3)) (reverse '(1 2 3)) (append '(1 2) '(3 4)) (list-ref '(1 2 3) 1) (list-tail '(1 2 3) 1)))
(test "memq assq" '((b c) (b . 2)) (list (memq 'b '(a b c)) (assq 'b '((a . 1) (b . 2)))))
(test "member equal" '(((2)) (3)) (list (member '(2) '((1) (2))) (member 2 '(1 2 3) (lambda (a b) (= (+ a 1) b)))))
(test "map multi" '(5 7 9) (map + '(1 2 3) '(4 5 6)))
(test "for-each" 6 (let ((s 0)) (for-each (lambda (x) (set! s (+ s x))) '(1 2 3)) s))
(define (type-message thunk) (handle-exceptions e (list (get-condition-property e 'exn 'location) (get-condition-property e 'exn 'message) (get-condition-property e 'exn 'arguments)) (thunk)))
(test "map of a non-list" '(map "bad argument type - not a list" (1)) (type-message (lambda () (map car 1))))
(test "for-each of a non-list" '(for-each "bad argument type - not a list" ("abc")) (type-message (lambda () (for-each car "abc"))))
(test "map: a dotted tail ends one list" '(1 2) (map + '(1 2 . 3)))
(test "map: an improper one of several" '(map "bad argument type - not a proper list" (2)) (type-message (lambda () (map + '(1 . 2) '(1 2)))))
(test "for-each: a non-list of several" '(for-each "bad argument type - not a proper list" (5)) (type-message (lambda () (for-each + 5 '()))))
(test "map: an empty list first ends the walk" '(() (2)) (list (map + '() 5) (map + '(1) '(1 . 2))))
(test "port checks name the type" '(read-char "bad argument type - not a port" (1)) (type-message (lambda () (read-char 1))))
(test "filter fold reduce" '((2 4) 10 10) (list (filter even? '(1 2 3 4)) (fold + 0 '(1 2 3 4)) (reduce + 0 '(1 2 3 4))))
(test "sort" '(1 2 3 4) (sort '(3 1 4 2) <))
(test "sort vector" #(1 2 3) (sort (vector 3 1 2) <))
(test "cxr" '(2 3) (list (cadr '(1 2 3)) (caddr '(1 2 3))))
(test "list-copy" '(1 2) (list-copy '(1 2)))
(test "iota" '(0 1 2) (iota 3))
(test-error "car of empty" (exn type) (car '()))
(test "equal? deep" #t (equal? '(1 #(2 "x") (3 . 4)) (list 1 (vector 2 "x") (cons 3 4))))
(test "eqv? numbers" '(#t #t #f) (list (eqv? 100000000000000000000 100000000000000000000) (eqv? 1.5 1.5) (eqv? 1 1.0)))

(test "strings" '(3 #\b "bc" "abcdef") (list (string-length "abc") (string-ref "abc" 1) (substring "abcd" 1 3) (string-append "abc" "def")))
(test "string-set!" "axc" (let ((s (make-string 3 #\a))) (string-set! s 1 #\x) (string-set! s 2 #\c) s))
(test "string unicode O(1) index" #\λ (string-ref "aλb" 1))
(test "string compare" '(#t #f #t) (list (string<? "a" "b") (string=? "a" "b") (string-ci=? "Ab" "aB")))
(test "string conversions" '("abc" (#\a #\b) "ABC") (list (list->string '(#\a #\b #\c)) (string->list "ab") (string-upcase "abc")))
(test "symbols" '(abc "abc" #t) (list (string->symbol "abc") (symbol->string 'abc) (symbol? 'a)))
(test "string-map/for-each" "BCD" (string-map (lambda (c) (integer->char (+ 1 (char->integer c)))) "ABC"))
(test "utf8" '(#u8(206 187) "λ") (list (string->utf8 "λ") (utf8->string (bytevector 206 187))))
(test "chars" '(#t #f #\A 97) (list (char-alphabetic? #\a) (char-numeric? #\a) (char-upcase #\a) (char->integer #\a)))

(test "vectors" '(3 2 (1 2 3) #(1 9 3)) (let ((v (vector 1 2 3))) (list (vector-length v) (vector-ref v 1) (vector->list v) (begin (vector-set! v 1 9) v))))
(test "vector-map" #(2 4) (vector-map (lambda (x) (* 2 x)) #(1 2)))
(test "vector-fill!" #(0 0) (let ((v (make-vector 2 1))) (vector-fill! v 0) v))
(test "string ports" "hello 42" (let ((p (open-output-string))) (display "hello " p) (write 42 p) (get-output-string p)))
(test "read from string" '(a (b 1) "s") (let ((p (open-input-string "a (b 1) \"s\""))) (list (read p) (read p) (read p))))
(test "read eof" #t (eof-object? (read (open-input-string "  "))))
(test "read-line endings" '("a" "b" "c" "d") (let ((p (open-input-string "a\nb\r\nc\rd"))) (list (read-line p) (read-line p) (read-line p) (read-line p))))
(test "read-char peek-char" '(#\a #\a #\b) (let ((p (open-input-string "ab"))) (list (peek-char p) (read-char p) (read-char p))))
(test "with-output-to-string" "x1" (with-output-to-string (lambda () (display "x") (display 1))))
(test "reverse!" (quote (3 2 1)) (reverse! (list 1 2 3)))
;; A field may have the record type's name (CHICKEN's syntax-tests-2).
(test "a field named as its record type" 'yes
      (begin (eval '(define-record-type %samename (%make-samename %samename) %samename? (%samename %get-samename)))
             (eval '(%get-samename (%make-samename 'yes)))))
(test "the constructor keeps its name" "#<procedure (%make-samename %samename)>"
      (with-output-to-string (lambda () (display (eval '%make-samename)))))

;; Short strings' memory is reused from per-thread pools of 64- and 128-byte blocks: every
;; length around their bounds, made, dropped and made again, keeps its characters.
(define (%filled n) (make-string n (integer->char (+ 65 (modulo n 26)))))
(test "strings of every pooled length keep their characters" #t
      (let round ((k 0))
        (or (= k 3)
            (let* ((lengths (iota 140 1))
                   (made (map (lambda (n) (string-append (%filled n) "")) lengths)))
              (and (every (lambda (s n) (string=? s (%filled n))) made lengths)
                   (round (+ k 1)))))))

;; cons, list, cons*, reverse, make-list and rest arguments take their pairs from the
;; pair pool, which freed lists refill: values never leak from one use of a pair to the next.
(define (%pool-round i)
  (let* ((s (number->string i))
         (r (reverse (list s 'a i)))
         (c (cons* i s '(z)))
         (m (make-list 3 s))
         (rest ((lambda args args) s i)))
    (list r c m rest (apply cons (list i s)))))
(test "pooled pairs keep their own values" #t
      (let loop ((i 0))
        (or (= i 3000)
            (and (equal? (%pool-round i)
                         (let ((s (number->string i)))
                           (list (list i 'a s) (list i s 'z) (list s s s) (list s i) (cons i s))))
                 (loop (+ i 1))))))

;; Walks over several lists: two lists take their own path, three or more step with
;; `%split-row`. Unequal lengths stop at the shortest; a dotted list is an error of the
;; walk (map, for-each) or ends it (fold, any, every, count), as in csi.
(test "map of two and three lists" '((5 7) (12 15 18) ((1 a x) (2 b y)))
      (list (map + '(1 2 3) '(4 5)) (map + '(1 2 3) '(4 5 6) '(7 8 9)) (map list '(1 2 3) '(a b c) '(x y))))
(test "map: a dotted third list" '(map "bad argument type - not a proper list" (3))
      (type-message (lambda () (map + '(1 2) '(1 2) '(1 . 3)))))
(test "map: a non-list among three" '(map "bad argument type - not a proper list" (5))
      (type-message (lambda () (map + '(1) '(2) 5))))
(test "for-each of two lists: calls in order" '((2 b) (1 a))
      (let ((seen '())) (for-each (lambda (x y) (set! seen (cons (list x y) seen))) '(1 2 3) '(a b)) seen))
(test "for-each of three lists" 21 (let ((s 0)) (for-each (lambda (a b c) (set! s (+ s a b c))) '(1 2) '(3 4) '(5 6 7)) s))
(test "for-each: a dotted second list" '(for-each "bad argument type - not a proper list" (2))
      (type-message (lambda () (for-each + '(1 2) '(1 . 2)))))
(test "fold, any, every, count over several lists" '((2 5 1 3 . 0) 11 #f 6 2)
      (list (fold cons* 0 '(1 2) '(3 5 7)) (fold + 0 '(1 2) '(3 5 . 9)) (any = '(1 2) '(2 3))
            (every (lambda (a b) (+ a b)) '(1 2) '(3 4 5)) (count < '(1 5 2) '(2 3 4))))
(test "list-index, filter-map, fold-right over several lists" '(1 (4 6) (1 3 2 4))
      (list (list-index = '(1 2 3) '(0 2 5)) (filter-map (lambda (a b) (and (odd? a) (+ a b))) '(1 2 3) '(3 4 3))
            (fold-right cons* '() '(1 2) '(3 4))))

;; map and for-each over one list with a leaf primitive (car, conc, ...) walk in Swift and
;; hand the rest of the list back to the prelude's loop at the first element whose call
;; throws: the error is raised as before, and results made so far are kept.
(define-record-type %walk-point (%make-walk-point x) %walk-point? (x %walk-point-x))
(define-record-printer (%walk-point p out) (display "<pt>" out))
(define %walk-circle (list '(1) '(2) 3))
(set-cdr! (cddr %walk-circle) %walk-circle)
(test "map with a leaf primitive: dotted tail, error, circular list" '((1 2) (car "bad argument type" (3)) (car "bad argument type" (3)))
      (list (map car '((1) (2) . 3)) (type-message (lambda () (map car '((1) (2) 3))))
            (type-message (lambda () (map car %walk-circle)))))
(test "map with a leaf primitive that hands one element to Scheme code" '("a" "<pt>" "b")
      (map conc (list "a" (%make-walk-point 1) 'b)))
(test "map with a leaf primitive: a refused argument count, several values" '((#f "bad argument count - received 1 but expected 2") (4 2))
      (list (let ((m (type-message (lambda () (map cons '(1 2)))))) (list (car m) (cadr m)))
            (map exact-integer-sqrt '(17 4))))
(test "for-each with a leaf primitive: each element changed, an error on the way" '(((2 1) (4 3)) (car "bad argument type" (2)))
      (let* ((ls (list (list 1 2) (list 3 4))) (tails (map cdr ls)))
        (for-each reverse! ls)
        (list tails (type-message (lambda () (for-each car '((1) 2)))))))
(test "reverse! leaves a list it refuses as it was" '((reverse! "bad argument type - not a proper list" ((1 2 . 3))) (1 2 . 3) (0 1 2 3 4 . 5))
      (let ((l (list 1 2)) (m (list 0 1 2 3 4)))
        (set-cdr! (cdr l) 3) (set-cdr! (cddddr m) 5) (type-message (lambda () (reverse! m)))
        (list (type-message (lambda () (reverse! l))) l m)))

;; write keeps each symbol's written form once made, and makes fixnum digits in a buffer.
(test "written symbols, twice over" "(|1| |a b| abc || |x:| |#foo| |a\\|b| |1| |a b| abc)"
      (with-output-to-string
        (lambda () (write (map string->symbol '("1" "a b" "abc" "" "x:" "#foo" "a|b" "1" "a b" "abc"))))))
(test "written fixnums at the edges" "(0 -1 9 10 -10 12345 -4611686018427387904 9223372036854775807 -9223372036854775808)"
      (with-output-to-string
        (lambda () (write (list 0 -1 9 10 -10 12345 (- (expt 2 62)) (+ (expt 2 62) (- (expt 2 62) 1))
                                (- -1 (+ (expt 2 62) (- (expt 2 62) 1))))))))

;; filter, fold, foldl, any, every and find with a leaf primitive walk in Swift too, and
;; hand over the same way: state kept, errors and dotted tails judged by the prelude.
(define %walk-circle-2 (list 1 2 "s"))
(set-cdr! (cddr %walk-circle-2) %walk-circle-2)
(test "the other walks with leaf primitives"
      '((2 4) (even? "bad argument type - not an integer" (x)) (car "bad argument type" (3)) "b<pt>a" "a<pt>b" 3 -6
        #f 12 #t 2 #t "s" #t x (0 . 1) (#\a #\b))
      (list (filter even? '(1 2 3 4)) (type-message (lambda () (filter even? '(1 2 x 4))))
            (type-message (lambda () (filter even? '(1 2 . 3))))
            (fold conc "" (list "a" (%make-walk-point 1) "b")) (foldl conc "" (list "a" (%make-walk-point 1) "b"))
            (fold + 0 '(1 2 . 3)) (foldl - 0 '(1 2 3))
            (any string? '(1 2 . "x")) (any string->number '("a" "12" "b")) (every number? '(1 2 . 3))
            (every string->number '("1" "2")) (every number? '()) (find string? %walk-circle-2) (any string? %walk-circle-2)
            (find symbol? '(1 x 2)) (foldl cons 0 '(1 . 2)) (filter char-alphabetic? (string->list "a1b2"))))
(test "%leaf-procedure?, inline and called, agree" '((#t #f #f #f #t) (#t #f #f #f #t))
      (list (list (%leaf-procedure? car) (%leaf-procedure? display) (%leaf-procedure? (lambda (x) x)) (%leaf-procedure? 5)
                  (%leaf-procedure? string-upcase))
            (map (lambda (v) (apply %leaf-procedure? (list v))) (list car display (lambda (x) x) 5 string-upcase))))
;; append copies every list but the last (shared), and refuses a dotted or circular one.
(test "append copies all but the last list" '((1 2 3 4 5 . 6) #t #f ())
      (let* ((a (list 1 2)) (b (list 3)) (c (cons 4 (cons 5 6))) (r (append a '() b c)))
        (list r (eq? (list-tail r 3) c) (eq? r a) (append))))
(test "append refuses what is not a proper list, but the last" '((append "bad argument type - not a proper list" ((1 . 2))) (append "bad argument type - not a proper list" (5)) #t)
      (list (handle-exceptions e (list (get-condition-property e 'exn 'location) (get-condition-property e 'exn 'message) (get-condition-property e 'exn 'arguments))
              (append '(1 . 2) '(3)))
            (handle-exceptions e (list (get-condition-property e 'exn 'location) (get-condition-property e 'exn 'message) (get-condition-property e 'exn 'arguments))
              (append 5 '(3)))
            (let ((c (list 1 2))) (set-cdr! (cdr c) c) (handle-exceptions e #t (append c '(3))))))
