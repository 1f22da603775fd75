;;; http-get.scm -- fetch a page over HTTP/1.0. So that it runs anywhere, the file first
;;; starts a tiny web server of its own on a free local port, in a green thread, then
;;; fetches from it like any client would.
;;;   csi-swift -s http-get.scm

;; The server: answers every request with a small page, then closes the connection.
(define listener (tcp-listen 0 10 "127.0.0.1"))
(define port (tcp-listener-port listener))
(define (web-server)
  (let loop ()
    (receive (in out) (tcp-accept listener)
      (let ((request-line (read-line in)))
        (let skip-headers () (let ((h (read-line in))) (unless (or (eof-object? h) (string=? h "")) (skip-headers))))
        (let ((body (string-append "<html><body>You asked for "
                                   (cadr (string-split request-line " "))
                                   "</body></html>\r\n")))
          (display (string-append "HTTP/1.0 200 OK\r\n"
                                  "Content-Type: text/html\r\n"
                                  "Content-Length: " (number->string (string-length body)) "\r\n"
                                  "\r\n"
                                  body)
                   out)))
      (close-input-port in)
      (close-output-port out))
    (loop)))
(thread-start! (make-thread web-server 'web-server))

;; The client: a GET request, then the status line, headers and body.
(define (http-get host port path)
  (receive (in out) (tcp-connect host port)
    (display (string-append "GET " path " HTTP/1.0\r\nHost: " host "\r\n\r\n") out)
    (flush-output out)
    (let* ((status (read-line in))
           (headers (let loop ((acc '()))
                      (let ((line (read-line in)))
                        (if (or (eof-object? line) (string=? line ""))
                            (reverse acc)
                            (loop (cons line acc))))))
           (body (read-string #f in)))
      (close-input-port in)
      (close-output-port out)
      (values status headers body))))

(receive (status headers body) (http-get "localhost" port "/index.html")
  (print "status:  " status)
  (for-each (lambda (h) (print "header:  " h)) headers)
  (print "body:    " (string-chomp body "\r\n")))
