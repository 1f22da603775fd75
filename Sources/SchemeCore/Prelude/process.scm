;;; (chicken process) in Scheme over the native pipes (ProcessPrimitives.swift).

;; (system* command): `system`, with an error for a non-zero status.
(define (system* command)
  (let ((status (system command)))
    (if (not (zero? status))
        (error 'system* "shell invocation failed with non-zero return status" command status))))

(define (call-with-input-pipe command proc #!optional mode)
  (let* ((port (open-input-pipe command))
         (results (call-with-values (lambda () (proc port)) list)))
    (close-input-pipe port)
    (apply values results)))

(define (call-with-output-pipe command proc #!optional mode)
  (let* ((port (open-output-pipe command))
         (results (call-with-values (lambda () (proc port)) list)))
    (close-output-pipe port)
    (apply values results)))

(define (with-input-from-pipe command thunk #!optional mode)
  (call-with-input-pipe command (lambda (port) (parameterize ((current-input-port port)) (thunk)))))

(define (with-output-to-pipe command thunk #!optional mode)
  (call-with-output-pipe command (lambda (port) (parameterize ((current-output-port port)) (thunk)))))

;; (process-sleep seconds): parks the calling thread only.
(define (process-sleep seconds) (thread-sleep! seconds) 0)

;; (process-fork [thunk [kill-others?]]): the child's pid in the parent; 0 in the child, or,
;; with a thunk, the child runs it and ends (its standard output written out, no exit
;; handlers run: CHICKEN's child ends with _exit too).
(define (process-fork #!optional thunk kill-others?)
  (let ((pid (%process-fork (and thunk kill-others? #t))))
    (cond ((not (eqv? pid 0)) pid)
          (thunk
           ;; An error in the thunk ends the child as an uncaught error ends csi (status 70).
           (handle-exceptions e
             (begin (print-error-message e (current-error-port)) (%exit-forked-child 70))
             (thunk))
           (%exit-forked-child 0))
          (else 0))))

;; (set-signal-handler! signal handler): handler is called with the signal number, in a
;; green thread of its own, soon after the signal came (see Library/SignalPrimitives.swift);
;; #f restores the signal's default action.
(define (set-signal-handler! sig handler)
  (%signal-check sig 'set-signal-handler!)
  (cond (handler
         (vector-set! %signal-handlers sig handler)
         (%signal-catch sig)
         (%start-signal-dispatcher))
        (else
         (%signal-default sig)
         (vector-set! %signal-handlers sig #f))))

(define (signal-handler sig)
  (%signal-check sig 'signal-handler)
  (vector-ref %signal-handlers sig))

(define (%start-signal-dispatcher)
  (unless (vector-ref %signal-handlers 0)
    (let ((dispatcher (make-thread %dispatch-signals 'signal-dispatcher)))
      (vector-set! %signal-handlers 0 dispatcher)
      (thread-start! dispatcher))))

(define (%dispatch-signals)
  (let loop ()
    (for-each (lambda (sig)
                (let ((handler (vector-ref %signal-handlers sig)))
                  (when handler
                    (thread-start! (make-thread (lambda () (handler sig)) 'signal-handler)))))
              (%signal-wait))
    (loop)))

;; The blocked signals among signals-list; (set-signal-mask! signals) blocks exactly those.
(define (signal-mask) (filter signal-masked? signals-list))
(define (set-signal-mask! signals)
  (for-each (lambda (sig) (if (memv sig signals) (signal-mask! sig) (signal-unmask! sig))) signals-list))
