;;; tls-echo-server.scm -- a TLS echo server: one green thread per client.
;;;   csi-swift -s examples/tls-echo-server.scm PORT CERT.pem KEY.pem
;;; Try it with: openssl s_client -connect localhost:PORT

(import (chicken process-context) (chicken io))

(define (serve listener)
  (let loop ()
    (receive (in out) (ssl-accept listener)
      (thread-start!
       (make-thread
        (lambda ()
          (handle-exceptions e (print-error-message e (current-error-port))
            (let echo ()
              (let ((line (read-line in)))
                (unless (eof-object? line)
                  (write-line line out)
                  (echo)))))
          (close-input-port in)
          (close-output-port out)))))
    (loop)))

(define (main port cert key)
  (let ((listener (ssl-listen (string->number port))))
    (ssl-load-certificate-chain! listener cert)
    (ssl-load-private-key! listener key)
    (print "listening on " (ssl-listener-port listener))
    (serve listener)))

(apply main (command-line-arguments))
