;;; A line trickled in small pieces: read-line must cost time linear in the line's length
;;; (issue 12). Run: csi-swift -s bench/trickle.scm [BYTES [PIECE]]; prints the seconds the
;;; reader spent. Compare two builds side by side (a quadratic rescan shows as 100x).
(import (chicken tcp) (chicken process-context) (chicken time))
(define args (command-line-arguments))
(define total (if (pair? args) (string->number (car args)) 200000))
(define piece (if (> (length args) 1) (string->number (cadr args)) 1))
(define l (tcp-listen 0 10 "127.0.0.1"))
(define-values (ci co) (tcp-connect "127.0.0.1" (tcp-listener-port l)))
(define-values (si so) (tcp-accept l))
(define chunk (make-string piece #\x))
(define writer
  (thread-start!
   (make-thread (lambda ()
                  (let loop ((sent 0))
                    (when (< sent total)
                      (write-string chunk #f co)
                      (thread-yield!)            ; let the reader wake on every piece
                      (loop (+ sent piece))))
                  (newline co)))))
(define start (current-process-milliseconds))
(define line (read-line si))
(print "bytes " (string-length line) " piece " piece " reader+writer cpu-ms " (- (current-process-milliseconds) start))
