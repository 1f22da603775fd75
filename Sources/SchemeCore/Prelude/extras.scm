;;; Small CHICKEN library procedures in Scheme: (chicken io)'s token and list readers and
;;; bytes, (chicken plist), (chicken keyword)'s get-keyword, (chicken base)'s sleep.

;; (read-token pred [port]): the characters up to the first one not satisfying pred.
(define (read-token pred #!optional (port (current-input-port)))
  (let loop ((acc '()))
    (let ((c (peek-char port)))
      (if (or (eof-object? c) (not (pred c)))
          (list->string (reverse acc))
          (begin (read-char port) (loop (cons c acc)))))))

;; (read-list [port [reader [max]]]): data read until the end, or `max` of them.
(define (read-list #!optional (port (current-input-port)) (reader read) max)
  (let loop ((n 0) (acc '()))
    (if (and max (>= n max))
        (reverse acc)
        (let ((x (reader port)))
          (if (eof-object? x) (reverse acc) (loop (+ n 1) (cons x acc)))))))

(define (read-byte #!optional (port (current-input-port))) (read-u8 port))
(define (write-byte byte #!optional (port (current-output-port))) (write-u8 byte port))

;; Property lists, one per symbol: (prop value prop value ...), the newest first.
(define %plists (make-hash-table eq?))
(define (%plist-check loc s) (if (not (symbol? s)) (%type-error loc s)))
(define (symbol-plist s) (%plist-check 'symbol-plist s) (hash-table-ref/default %plists s '()))
(define (get s prop #!optional default)
  (%plist-check 'get s)
  (let ((p (%plist-tail prop (hash-table-ref/default %plists s '()))))
    (if p (cadr p) default)))
(define (put! s prop value)
  (%plist-check 'put! s)
  (let* ((l (hash-table-ref/default %plists s '()))
         (p (%plist-tail prop l)))
    (if p
        (set-car! (cdr p) value)
        (hash-table-set! %plists s (cons prop (cons value l)))))
  value)
;; #t when a property was deleted, #f otherwise (CHICKEN's manual; csi 5.3 answers #t only
;; for the newest property).
(define (remprop! s prop)
  (%plist-check 'remprop! s)
  (let ((found #f))
    (hash-table-set! %plists s
                     (let loop ((l (hash-table-ref/default %plists s '())))
                       (cond ((null? l) '())
                             ((and (not found) (eq? (car l) prop)) (set! found #t) (cddr l))
                             (else (cons (car l) (cons (cadr l) (loop (cddr l))))))))
    found))
;; (get-properties s props) => the first property found, its value and the rest of the list.
(define (get-properties s props)
  (%plist-check 'get-properties s)
  (let ((props (if (pair? props) props (list props))))
    (let loop ((l (hash-table-ref/default %plists s '())))
      (cond ((null? l) (values #f #f #f))
            ((memq (car l) props) (values (car l) (cadr l) (cddr l)))
            (else (loop (cddr l)))))))

;; (get-keyword kw args [default-thunk]): the value after kw in a keyword argument list.
(define (get-keyword kw args #!optional thunk)
  (let loop ((l args))
    (cond ((or (null? l) (not (pair? (cdr l)))) (and thunk (thunk)))
          ((eq? (car l) kw) (cadr l))
          (else (loop (cddr l))))))

;; (sleep seconds): parks the calling thread only (CHICKEN's stops the process); 0.
(define (sleep seconds) (thread-sleep! seconds) 0)

;; close-port of a bidirectional port: each direction on its own.
(define (%close-both-directions port)
  (close-input-port port)
  (close-output-port port))

;; (make-concatenated-port port1 port2 ...): reads each port to its end in turn.
(define (make-concatenated-port port1 . more)
  (let ((ports (cons port1 more)))
    (define (next reader)
      (let loop ()
        (if (null? ports)
            #!eof
            (let ((c (reader (car ports))))
              (cond ((eof-object? c) (set! ports (cdr ports)) (loop))
                    (else c))))))
    (make-input-port (lambda () (next read-char))
                     (lambda () (and (pair? ports) (char-ready? (car ports))))
                     void
                     (lambda () (next peek-char)))))

;; (make-broadcast-port port ...): writes go to every port.
(define (make-broadcast-port . ports)
  (make-output-port (lambda (s) (for-each (lambda (p) (display s p)) ports))
                    void
                    (lambda () (for-each flush-output ports))))

;; (time body ...): runs body, prints its CPU and real time to the error port (CHICKEN
;; adds its collector's figures, which this runtime does not have) and returns its values.
(define (%time thunk)
  (define (seconds ms) (let ((s (/ ms 1000))) (if (integer? s) s (exact->inexact s))))
  (let ((cpu (current-process-milliseconds)) (real (current-milliseconds)))
    (call-with-values thunk
      (lambda results
        (let ((port (current-error-port)))
          (display (seconds (- (current-process-milliseconds) cpu)) port)
          (display "s CPU time, " port)
          (display (seconds (- (current-milliseconds) real)) port)
          (display "s real time" port)
          (newline port))
        (apply values results)))))

;; (get-call-chain [start [thread]]): the pending calls, outermost first, as vectors
;; #("<eval>" "file:line:col" procedure-name) (see VM/CallChain.swift). Only the calling
;; thread's chain is known: a thread argument is accepted and ignored.
(define (get-call-chain #!optional (start 0) thread)
  (let ((chain (%call-chain)))
    (list-tail chain (min start (length chain)))))

;; (print-call-chain [port [start [thread [header]]]]), as CHICKEN prints its call history.
(define (print-call-chain #!optional (port (current-output-port)) (start 0) thread
                          (header "\n\tCall history:\n"))
  (let ((chain (get-call-chain start)))
    (display header port)
    (for-each (lambda (entry)
                (display "\n\t" port)
                (display (vector-ref entry 0) port)
                (display "\t  " port)
                (when (vector-ref entry 2)
                  (display "[" port) (display (vector-ref entry 2) port) (display "] " port))
                (display (or (vector-ref entry 1) "") port))
              chain)
    (display "\t<--\n" port)))

;; (chicken continuation): a continuation object wraps a call/cc continuation that expects
;; a thunk, so a value can be returned to it (continuation-return) or a thunk run in its
;; dynamic context (continuation-graft).
(define (continuation-capture proc)
  ((call/cc
    (lambda (k)
      (let ((results (call-with-values (lambda () (proc (make-record-instance 'continuation k))) list)))
        (lambda () (apply values results)))))))

(define (continuation? x)
  (and (record-instance? x) (eq? (record-instance-type x) 'continuation)))

(define (continuation-graft k thunk)
  (unless (continuation? k) (error 'continuation-graft "bad argument type - not a continuation" k))
  ((record-instance-slot k 0) thunk))

(define (continuation-return k . results)
  (unless (continuation? k) (error 'continuation-return "bad argument type - not a continuation" k))
  ((record-instance-slot k 0) (lambda () (apply values results))))

;; (notice message arg ...): as CHICKEN 5.3 prints it, each argument on a line of its own.
(define (notice msg . args)
  (when (enable-warnings)
    (let ((err (current-error-port)))
      (display "\nWarning: " err)
      (display msg err)
      (for-each (lambda (a) (newline err) (write a err)) args)
      (newline err))))

;; (chicken pretty-print)'s other names.
(define (pretty-print x . port) (apply pp x port))
(define (pretty-print-width #!optional width) 79)

;; Called when a program ends without exit (csi never calls it); kept for programs that set it.
(define (implicit-exit-handler #!optional handler)
  (if handler
      (put! '%implicit-exit-handler 'value handler)
      (get '%implicit-exit-handler 'value void)))

;; (argc+argv): the argument count and, as there are no foreign pointers here, the
;; argument list itself in place of C's argv.
(define (argc+argv) (let ((args (argv))) (values (length args) args)))

;; Where CHICKEN keeps its per-user cache and configuration (XDG's rules).
(define (system-cache-directory)
  (or (get-environment-variable "XDG_CACHE_HOME")
      (let ((home (get-environment-variable "HOME"))) (and home (string-append home "/.cache")))))
(define (system-config-directory)
  (or (get-environment-variable "XDG_CONFIG_HOME")
      (let ((home (get-environment-variable "HOME"))) (and home (string-append home "/.config")))))

;; (release-number-vector v): CHICKEN frees a vector made outside its heap; here every
;; vector belongs to the collector, so this only checks its argument.
(define (release-number-vector v)
  (unless (number-vector? v)
    (error 'release-number-vector "bad argument type - not a number vector" v)))
