;;; udp-ping.scm -- a UDP echo thread and a client that pings it and times the answers.
;;;   csi-swift -s examples/udp-ping.scm [count]

(import (chicken process-context) (chicken time))

(define count (if (pair? (command-line-arguments)) (string->number (car (command-line-arguments))) 5))

(define server (udp-open-socket))
(udp-bind! server "127.0.0.1" 0)
(thread-start!
 (make-thread
  (lambda ()
    (let loop ()
      (receive (n data host port) (udp-recvfrom server 1500)
        (udp-sendto server host port data))
      (loop)))))

(define client (udp-open-socket))
(udp-connect! client "127.0.0.1" (udp-bound-port server))
(udp-recv-timeout 1000)
(do ((i 1 (+ i 1))) ((> i count))
  (let ((start (current-milliseconds)))
    (udp-send client (string-append "ping " (number->string i)))
    (receive (n data) (udp-recv client 1500)
      (print data " in " (- (current-milliseconds) start) " ms"))))
(udp-close-socket client)
(udp-close-socket server)
