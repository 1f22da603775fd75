;;; prelude for an implementation with the CHICKEN module layout and the
;;; srfi-18 egg (e.g. csi-swift, or CHICKEN after `chicken-install srfi-18`).
(import (chicken tcp) (chicken io) (chicken process-context) (chicken condition) srfi-18)
;;; echo-server.scm -- anchor server for net/run.sh: CHICKEN tcp unit,
;;; one SRFI-18 green thread per connection.
;;;   usage: <scheme> echo-server.scm PORT      (listens on 127.0.0.1:PORT)
;;; No import lines here: a per-implementation prelude is prepended
;;; (see net/servers/*.sh). Needs: tcp-listen tcp-accept tcp-read-timeout
;;; tcp-write-timeout read-line read-string make-thread thread-start!
;;; handle-exceptions command-line-arguments.
;;;
;;; Protocol: the first line of a connection picks the mode:
;;;   echo -- write every following line back ("line\n" in one write)
;;;   sink -- read-string in 64 KiB chunks until EOF, answer "<bytes>\n"
;;;   bulk -- read-string in 64 KiB chunks, write each chunk back

(define chunk-size 65536)

(define (serve-echo in out)
  (let loop ()
    (let ((line (read-line in)))
      (if (not (eof-object? line))
          (begin
            (display (string-append line "\n") out)
            (flush-output out)
            (loop))))))

(define (serve-sink in out)
  (let loop ((total 0))
    (let ((s (read-string chunk-size in)))
      (if (or (eof-object? s) (= (string-length s) 0))
          (begin
            (display (string-append (number->string total) "\n") out)
            (flush-output out))
          (loop (+ total (string-length s)))))))

(define (serve-bulk in out)
  (let loop ()
    (let ((s (read-string chunk-size in)))
      (if (not (or (eof-object? s) (= (string-length s) 0)))
          (begin
            (display s out)
            (flush-output out)
            (loop))))))

(define (handle in out)
  (handle-exceptions exn
    #f                                  ; peer reset etc.: just drop it
    (let ((mode (read-line in)))
      (cond ((eof-object? mode) #f)
            ((string=? mode "echo") (serve-echo in out))
            ((string=? mode "sink") (serve-sink in out))
            ((string=? mode "bulk") (serve-bulk in out))
            (else (display "ERR unknown mode\n" out)))))
  (handle-exceptions exn #f (close-input-port in))
  (handle-exceptions exn #f (close-output-port out)))

(define port-number (string->number (car (command-line-arguments))))
(tcp-read-timeout #f)                   ; idle connections must not time out
(tcp-write-timeout #f)
(define listener (tcp-listen port-number 1024 "127.0.0.1"))
(print "echo-server listening on 127.0.0.1:" port-number)

(let accept-loop ()
  (call-with-values
      (lambda () (tcp-accept listener))
    (lambda (in out)
      (thread-start! (make-thread (lambda () (handle in out))))))
  (accept-loop))
