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
