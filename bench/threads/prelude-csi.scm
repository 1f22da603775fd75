;;; srfi-18 on CHICKEN 5.3 without the egg (not installable offline): the same ##sys
;;; primitives the egg wraps, as in shared/bench/net/scheme/prelude-chicken53.scm, plus a
;;; thread-join! that blocks on termination.
(import (chicken time))
(define (make-thread thunk #!optional (name 'thread))
  (let ((thread (##sys#make-thread #f 'created name (##sys#slot ##sys#current-thread 9))))
    (##sys#setslot thread 1
      (lambda ()
        (##sys#call-with-values thunk
          (lambda results
            (##sys#setslot thread 2 results)
            (##sys#thread-kill! thread 'dead)
            (##sys#schedule)))))
    thread))
(define (thread-start! t) (##sys#setslot t 3 'ready) (##sys#add-to-ready-queue t) t)
(define (thread-yield!) (##sys#thread-yield!))
(define (thread-join! t)
  (let loop ()
    (if (memq (##sys#slot t 3) '(dead terminated))
        (car (##sys#slot t 2))
        (begin
          (##sys#call-with-current-continuation
           (lambda (k)
             (##sys#setslot ##sys#current-thread 1 (lambda () (k #f)))
             (##sys#thread-block-for-termination! ##sys#current-thread t)
             (##sys#schedule)))
          (loop)))))
