;;; The reader's parameters, keywords, symbol and blob syntax, (chicken blob), and library
;;; behaviour met while making CHICKEN's library-tests pass. Expected values are CHICKEN
;;; 5.3's (checked with csi).

(import (chicken blob) (chicken keyword))

(define (ws x) (with-output-to-string (lambda () (write x))))

;;; The reader's parameters
(define (read-from s) (with-input-from-string s read))
(test "symbol-escape" '(aBc #t)
      (parameterize ((symbol-escape #f))
        (list (read-from "aBc") (handle-exceptions e #t (read-from "|aBc|") #f))))
(test "parentheses-synonyms" '(() () #t)
      (list (read-from "[]") (read-from "{}")
            (parameterize ((parentheses-synonyms #f)) (handle-exceptions e #t (read-from "[]") #f))))
(test "keyword-style" '(#t #t #f #t "foo bar:" ":foo bar")
      (list (keyword? (read-from "abc:"))
            (keyword? (read-from "|foo bar|:"))
            (keyword? (read-from "|abc:|"))
            (parameterize ((keyword-style #:prefix)) (keyword? (read-from ":abc")))
            (with-output-to-string (lambda () (display (string->keyword "foo bar"))))
            (parameterize ((keyword-style #:prefix))
              (with-output-to-string (lambda () (display (string->keyword "foo bar")))))))
(test "keywords are not symbols" '(#f #t) (list (symbol? #:foo) (keyword? #:foo)))
(test "writing keywords and colon symbols" '("#:|foo bar|" "|foo:|" "|:foo|")
      (map ws (list (string->keyword "foo bar") (string->symbol "foo:") (string->symbol ":foo"))))
(test "octal escapes in symbols" '(#\null #\f) (let ((s (symbol->string (read-from "|\\000f|")))) (string->list s)))
(test-error "a lone backslash" (exn syntax) (read-from "\\"))
;; As in CHICKEN, a backquote inside a token belongs to it; at a datum's start it quasi-quotes.
(test "a backquote inside a symbol" '("a`b" "1`2" (quasiquote b) "|a`b|")
      (list (symbol->string (read-from "a`b")) (symbol->string (read-from "1`2")) (read-from "`b")
            (with-output-to-string (lambda () (write (read-from "a`b"))))))
(test-error "an empty keyword" (exn syntax) (read-from "#:"))

(test "blob literals" '(#t #t) (list (equal? '#${abc} '#${ab0c}) (blob=? '#${a b c} '#${0a0b0c})))
(test-error "an unterminated blob" (exn syntax) (read-from "#${ab"))

;;; (chicken blob)
(test "blobs" '(#t 3 "ab" #t) (list (blob? (make-blob 3)) (blob-size (make-blob 3)) (blob->string (string->blob "ab")) (blob=? (string->blob "x") (string->blob "x"))))
(test-error "blob-size of a non-blob" (exn type) (blob-size 3))

;;; Library odds and ends met on the way
(test "member and assq reject improper lists" '(#t #t #t)
      (map (lambda (thunk) (handle-exceptions e #t (thunk) #f))
           (list (lambda () (assq 'a 'b)) (lambda () (memq 1 '(2 . 3))) (lambda () (member 1 '(2 . 3) =)))))
(test "set! of a parameter" 1000 (let ((p (make-parameter 100))) (set! (p) 1000) (p)))
(test "define-constant and define-inline" '(3 4) (begin (define-constant three 3) (define-inline (four) 4) (list three (four))))
(test "current-exception-handler is settable" '(baz) (parameterize ((current-exception-handler list)) (signal 'baz)))
(test "receive of one expression" '(1 2) (receive (values 1 2)))
(test "call-with-input-string" 'foo (call-with-input-string "foo" read))
(test "with-error-output-to-string" "x" (with-error-output-to-string (lambda () (display "x" (current-error-port)))))
(test "read-line of no characters: \"\", or #!eof at the end" '("" "abc" #t)
      (call-with-input-string "abc" (lambda (p) (let* ((a (read-line p 0)) (b (read-line p 0)) (c (read-line p))) (list a c (eof-object? (read-line p 0)))))))
;;; read from a port sees a window of the buffered text (reading was quadratic in it):
;;; datums, comments and characters that straddle the window's edges read whole.
(define (read-all-from s) (let ((p (open-input-string s))) (let loop ((acc '())) (let ((d (read p))) (if (eof-object? d) (reverse acc) (loop (cons d acc)))))))
(test "a symbol and a comment line across every window edge" '()
      (let loop ((k 490) (bad '()))
        (if (= k 530) (reverse bad)
            (loop (+ k 1)
                  (if (equal? (read-all-from (string-append (make-string k #\space) "abcdefgh ; comment (x) \"\n(end)"))
                              '(abcdefgh (end)))
                      bad (cons k bad))))))
(test "multibyte characters across every window edge" '()
      (let loop ((k 500) (bad '()))
        (if (= k 520) (reverse bad)
            (loop (+ k 1)
                  (if (equal? (cdr (read-all-from (string-append (make-string k #\a) " \"λλλλ\" λsym 'q")))
                              '("λλλλ" λsym (quote q)))
                      bad (cons k bad))))))
(test "a datum far larger than the window" '(200000 199999 300000 #\λ tail)
      (let ((all (read-all-from (with-output-to-string
                                 (lambda () (write (iota 200000)) (write (make-string 300000 #\λ)) (display " tail"))))))
        (list (length (car all)) (car (reverse (car all))) (string-length (cadr all)) (string-ref (cadr all) 0) (caddr all))))
(test "many datums from one string port" '(30000 (29999 "λ"))
      (let ((all (read-all-from (with-output-to-string
                                 (lambda () (do ((i 0 (+ i 1))) ((= i 30000)) (write (list i "λ")) (display " ; c\n")))))))
        (list (length all) (car (reverse all)))))
;; Bytes that are no UTF-8 read as U+FFFD, each as many characters as were decoded, so
;; the next datum starts where it should.
(define fffd (string (integer->char #xfffd)))
(test "invalid UTF-8 from a file" `((a ,fffd b) (e ,(string-append fffd fffd fffd) f) end)
      (let ((path (string-append (create-temporary-file) ".bad")))
        (with-output-to-file path
          (lambda () (write-u8vector (u8vector 40 97 32 255 32 98 41 32 40 101 32 237 160 128 32 102 41 32 101 110 100))))
        (let ((data (with-input-from-file path (lambda () (let loop ((acc '())) (let ((d (read))) (if (eof-object? d) (reverse acc) (loop (cons d acc)))))))))
          (delete-file path)
          (map (lambda (d) (if (pair? d) (map (lambda (x) (if (symbol? x) (let ((s (symbol->string x))) (if (char=? (string-ref s 0) #\xfffd) s x)) x)) d) d)) data))))
