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
  (let loop ((l (hash-table-ref/default %plists s '())))
    (cond ((null? l) default) ((eq? (car l) prop) (cadr l)) (else (loop (cddr l))))))
(define (put! s prop value)
  (%plist-check 'put! s)
  (let ((l (hash-table-ref/default %plists s '())))
    (let loop ((p l))
      (cond ((null? p) (hash-table-set! %plists s (cons prop (cons value l))))
            ((eq? (car p) prop) (set-car! (cdr p) value))
            (else (loop (cddr p))))))
  value)
;; Returns #f, as CHICKEN 5.3's does.
(define (remprop! s prop)
  (%plist-check 'remprop! s)
  (hash-table-set! %plists s
                   (let loop ((l (hash-table-ref/default %plists s '())))
                     (cond ((null? l) '()) ((eq? (car l) prop) (cddr l)) (else (cons (car l) (cons (cadr l) (loop (cddr l))))))))
  #f)
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
