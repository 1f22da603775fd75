;;; unix-echo.scm -- an echo server and a client over a Unix-domain socket, in one process.
;;;   csi-swift -s examples/unix-echo.scm [path]

(import (chicken process-context) (chicken file))

(define path (if (pair? (command-line-arguments)) (car (command-line-arguments)) "/tmp/csi-swift-echo.sock"))
(define listener (unix-listen path))

;; The server: one green thread per connection.
(thread-start!
 (make-thread
  (lambda ()
    (let loop ()
      (receive (in out) (unix-accept listener)
        (thread-start!
         (make-thread
          (lambda ()
            (let echo ()
              (let ((line (read-line in)))
                (unless (eof-object? line)
                  (write-line line out)
                  (echo))))
            (close-input-port in)
            (close-output-port out)))))
      (loop)))))

;; The client.
(receive (in out) (unix-connect path)
  (for-each (lambda (word)
              (write-line word out)
              (print "echoed: " (read-line in)))
            '("hello" "over" "a unix socket"))
  (close-input-port in)
  (close-output-port out))
(unix-close listener)
