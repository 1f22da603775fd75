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
    (let loop ((dir dir) (names (directory dir dotfiles)) (acc seed))
      (if (null? names)
          acc
          (let* ((f (make-pathname dir (car names)))
                 (acc2 (if (wanted? f) (action f acc) acc)))
            (if (and (directory-exists? f) (or follow-symlinks (not (symbolic-link? f))) (descend? f))
                (loop dir (cdr names)
                      (begin (set! depth (+ depth 1))
                             (let ((r (loop f (directory f dotfiles) acc2))) (set! depth (- depth 1)) r)))
                (loop dir (cdr names) acc2)))))))
