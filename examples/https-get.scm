;;; https-get.scm -- fetch a page over HTTPS and print the status line and headers.
;;;   csi-swift -s examples/https-get.scm https://example.org/ [ca-file]
;;; The server's certificate is verified (against the system's CAs, or against ca-file
;;; when given); a failed verification is a catchable (exn i/o net openssl) error.

(import (chicken process-context) (chicken io) (chicken irregex))

(define (parse url)
  (let ((m (irregex-match "https://([^/:]+)(?::([0-9]+))?(/.*)?" url)))
    (unless m (error "not an https URL" url))
    (values (irregex-match-substring m 1)
            (if (irregex-match-substring m 2) (string->number (irregex-match-substring m 2)) 443)
            (or (irregex-match-substring m 3) "/"))))

(define (main url #!optional ca-file)
  (let ((ctx (ssl-make-client-context)))
    (when ca-file (ssl-load-verify-root-certificates! ctx ca-file))
    (receive (host port path) (parse url)
      (receive (in out) (ssl-connect host port ctx)
        (display (string-append "GET " path " HTTP/1.0\r\nHost: " host "\r\nConnection: close\r\n\r\n") out)
        (let loop ()
          (let ((line (read-line in)))
            (unless (or (eof-object? line) (string=? line ""))
              (print line)
              (loop))))
        (close-input-port in)
        (close-output-port out)))))

(apply main (command-line-arguments))
