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
(test-error "an empty keyword" (exn syntax) (read-from "#:"))

(test "blob literals" '(#t #t) (list (equal? '#${abc} '#${ab0c}) (blob=? '#${a b c} '#${0a0b0c})))
(test-error "an unterminated blob" (exn syntax) (read-from "#${ab"))

;;; (chicken blob)
(test "blobs" '(#t 3 "ab" #t) (list (blob? (make-blob 3)) (blob-size (make-blob 3)) (blob->string (string->blob "ab")) (blob=? (string->blob "x") (string->blob "x"))))
(test-error "blob-size of a non-blob" (exn type) (blob-size 3))
