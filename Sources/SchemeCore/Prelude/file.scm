;;; (chicken file) in Scheme over the native file primitives (FileSystemPrimitives.swift).

;; (copy-file from to [clobber [blocksize]]) => the bytes copied.
(define (copy-file from to #!optional clobber (blocksize 1024))
  (if (and (not clobber) (file-exists? to))
      (%raise (%make-exn '(i/o file) "newfile exists but clobber is false" (list to)) #f))
  (if (not (and (fixnum? blocksize) (> blocksize 0)))
      (error 'copy-file "invalid blocksize given" blocksize))
  (call-with-input-file from
    (lambda (in)
      (call-with-output-file to
        (lambda (out)
          (let loop ((total 0))
            (let ((bytes (read-bytevector blocksize in)))
              (if (eof-object? bytes)
                  total
                  (begin (write-bytevector bytes out) (loop (+ total (bytevector-length bytes))))))))))))

;; (move-file from to [clobber [blocksize]]): a copy, then the original deleted.
(define (move-file from to #!optional clobber (blocksize 1024))
  (let ((n (copy-file from to clobber blocksize)))
    (delete-file from)
    n))

;; (find-files dir #!key test action seed limit dotfiles follow-symlinks), depth first as
;; CHICKEN's: a directory is passed to `action` before what is under it.
(define (find-files dir #!key (test (lambda _ #t)) (action cons) (seed '()) (limit #f) (dotfiles #f) (follow-symlinks #f))
  (let* ((depth 0)
         (descend? (cond ((not limit) (lambda (f) #t))
                         ((fixnum? limit) (lambda (f) (< depth limit)))
                         (else limit)))
         (wanted? (if (procedure? test) test (let ((rx (irregex test))) (lambda (f) (irregex-match rx f))))))
    ;; Names are joined as make-pathname joins them, with the prefix built once per directory.
    (define (prefix-of dir)
      (let strip ((end (string-length dir)))
        (cond ((= end 0) (if (string=? dir "") "" "/"))
              ((memv (string-ref dir (- end 1)) '(#\/ #\\)) (strip (- end 1)))
              (else (string-append (substring dir 0 end) "/")))))
    (let loop ((dir dir) (prefix (prefix-of dir)) (names (directory dir dotfiles)) (acc seed))
      (if (null? names)
          acc
          (let* ((f (string-append prefix (car names)))
                 (acc2 (if (wanted? f) (action f acc) acc)))
            (if (and (directory-exists? f) (or follow-symlinks (not (symbolic-link? f))) (descend? f))
                (loop dir prefix (cdr names)
                      (begin (set! depth (+ depth 1))
                             (let ((r (loop f (prefix-of f) (directory f dotfiles) acc2))) (set! depth (- depth 1)) r)))
                (loop dir prefix (cdr names) acc2)))))))

;; Record locks: (file-lock port [start [length]]) => a lock (a write lock on an output
;; port, a read lock on an input port; length 0: to the end of the file).
(define (file-lock port #!optional (start 0) (length 0))
  (%file-lock port start length 'lock))

;; Waits (polling, parking only this thread) while another process holds the lock.
(define (file-lock/blocking port #!optional (start 0) (length 0))
  (let loop ()
    (or (%file-lock port start length 'try)
        (begin (thread-sleep! 0.01) (loop)))))

;; #f when the region could be locked, else the pid of a process holding it.
(define (file-test-lock port #!optional (start 0) (length 0))
  (%file-lock port start length 'test))

(define (read-symbolic-link path #!optional canonicalize?)
  (let ((target (%read-symbolic-link path)))
    (if canonicalize?
        (normalize-pathname (if (absolute-pathname? target)
                                target
                                (make-pathname (pathname-directory path) target)))
        target)))

(define (set-file-owner! file uid) (%set-file-owner! file uid -1 'set-file-owner!))
(define (set-file-group! file gid) (%set-file-owner! file -1 gid 'set-file-group!))

;; (file-select read-fds write-fds [timeout]): each an fd, a list of fds or #f; returns the
;; ready ones in the same shape. Polls every 10 ms until one is ready or timeout seconds
;; pass (no timeout: until one is ready), parking only the calling thread.
(define (file-select read-fds write-fds #!optional timeout)
  (define (as-list x) (cond ((not x) '()) ((list? x) x) (else (list x))))
  (define (shape given ready)
    (cond ((list? given) ready) ((null? ready) #f) (else (car ready))))
  (let ((deadline (and timeout (+ (current-milliseconds) (* timeout 1000)))))
    (let loop ()
      (receive (r w) (%file-select-now (as-list read-fds) (as-list write-fds))
        (if (or (pair? r) (pair? w) (and deadline (>= (current-milliseconds) deadline)))
            (values (shape read-fds r) (shape write-fds w))
            (begin (thread-sleep! 0.01) (loop)))))))
