;;; A minimal test harness for the Scheme-level suites. Each check records a failure with
;;; its name, expected and actual values; the Swift runner reads %test-failures at the end.
(define %test-failures '())
(define %test-count 0)

(define (%test-report name expected actual)
  (set! %test-failures
        (cons (list name expected actual) %test-failures)))

(define-syntax test
  (syntax-rules ()
    ((_ name expected expr)
     (begin
       (set! %test-count (+ %test-count 1))
       (let ((actual (handle-exceptions e (list 'raised (%error-text e)) expr)))
         (if (not (equal? actual expected))
             (%test-report name expected actual)))))))

;; (test-error name kinds expr): expr must raise a condition having all of `kinds`.
(define-syntax test-error
  (syntax-rules ()
    ((_ name kinds expr)
     (begin
       (set! %test-count (+ %test-count 1))
       (let ((outcome (call/cc
                       (lambda (k)
                         (with-exception-handler
                          (lambda (e) (k (if (%condition-kinds-match? e 'kinds) 'ok (list 'wrong-condition e))))
                          (lambda () expr (k 'no-error)))))))
         (if (not (eq? outcome 'ok))
             (%test-report name 'kinds outcome)))))))
