;;; chat.scm -- a chat room: every line a client sends is broadcast to all connected
;;; clients, prefixed with the sender's name (its first line).
;;;   csi-swift -s chat.scm [PORT [CONNECTIONS]]
;;; PORT defaults to 7778; with CONNECTIONS the server stops once that many clients have
;;; come and gone. Try two terminals running: nc localhost 7778

(define args (command-line-arguments))
(define port (if (pair? args) (string->number (car args)) 7778))
(define limit (and (> (length args) 1) (string->number (cadr args))))

(define clients '())                     ; output ports of the people in the room
(define room (make-mutex 'room))

(define (broadcast text)
  (mutex-lock! room)
  (let ((everyone clients))
    (mutex-unlock! room)
    (for-each (lambda (out)
                (handle-exceptions e #f  ; a client that went away is dropped by its own thread
                  (write-line text out)))
              everyone)))

(define (join! out) (mutex-lock! room) (set! clients (cons out clients)) (mutex-unlock! room))
(define (leave! out) (mutex-lock! room) (set! clients (delete out clients eq?)) (mutex-unlock! room))

(define (session in out)
  (write-line "name?" out)
  (let ((name (read-line in)))
    (unless (eof-object? name)
      (join! out)
      (broadcast (string-append "* " name " joined"))
      (let loop ()
        (let ((line (read-line in)))
          (unless (eof-object? line)
            (broadcast (string-append name ": " line))
            (loop))))
      (leave! out)
      (broadcast (string-append "* " name " left"))))
  (close-input-port in)
  (close-output-port out))

(define listener (tcp-listen port 100 "127.0.0.1"))
(tcp-read-timeout #f)
(print "chat room on 127.0.0.1:" (tcp-listener-port listener))
(define sessions
  (let loop ((n 0) (sessions '()))
    (if (and limit (>= n limit))
        sessions
        (receive (in out) (tcp-accept listener)
          (loop (+ n 1) (cons (thread-start! (make-thread (lambda () (session in out)))) sessions))))))
(for-each thread-join! sessions)
(tcp-close listener)
(print "chat closed")
