;;; echo-server.scm -- the Scheme side of bench/unix/run.sh: a Unix-socket echo server,
;;; one green thread per connection, writing back each line.
;;;   csi-swift -s echo-server.scm PATH

(import (chicken process-context) (chicken io))

(define listener (unix-listen (car (command-line-arguments)) 1024))
(tcp-read-timeout #f)
(let loop ()
  (receive (in out) (unix-accept listener)
    (thread-start!
     (make-thread
      (lambda ()
        (handle-exceptions e #f
          (let echo ()
            (let ((line (read-line in)))
              (unless (eof-object? line)
                (write-line line out)
                (echo)))))
        (handle-exceptions e #f (close-input-port in))
        (handle-exceptions e #f (close-output-port out))))))
  (loop))
