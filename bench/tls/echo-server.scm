;;; echo-server.scm -- the Scheme side of bench/tls/run.sh: a TLS echo server, one green
;;; thread per connection, writing back what arrives as it arrives (as the C server does:
;;; whatever one read brings is written back in one write).
;;;   csi-swift -s echo-server.scm PORT CERT KEY     (listens on 127.0.0.1:PORT)

(import (chicken process-context) (chicken io))

(define args (command-line-arguments))
(define listener (ssl-listen (string->number (car args)) 1024 "127.0.0.1"))
(ssl-load-certificate-chain! listener (cadr args))
(ssl-load-private-key! listener (caddr args))
(tcp-read-timeout #f)
(print "echo-server listening on 127.0.0.1:" (car args))

(let loop ()
  (handle-exceptions e #f            ; a failed handshake: go on with the next client
    (receive (in out) (ssl-accept listener)
      (thread-start!
       (make-thread
        (lambda ()
          (handle-exceptions e #f
            (let echo ()
              (unless (eof-object? (peek-char in))     ; waits for data
                (write-string (read-buffered in) #f out)
                (echo))))
          (handle-exceptions e #f (close-input-port in))
          (handle-exceptions e #f (close-output-port out)))))))
  (loop))
