;;; Read by `load` in language.scm.
(define loaded-marker (quote loaded))
