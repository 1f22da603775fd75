;;; A module in a file of its own: modules.scm's (import greet-module) finds and loads it.
(module greet-module (hello)
  (import scheme)
  (define (hello who) (string-append "hello " who)))
