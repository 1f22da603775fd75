;;; (chicken irregex), the Scheme half: substitution, folds (replace/all, split, extract),
;;; chunked matching, glob->sre, irregex-opt and irregex-quote. Searching itself is native
;;; (Library/IrregexPrimitives.swift). Everything here is lazy: compiled on first use.

;; The text a substitution list stands for: strings as they are, numbers and names for
;; submatches (#f ones give ""), 'pre and 'post for the text before and after the match,
;; procedures called with the match.
(define (%irregex-substitution m str start end items)
  (let loop ((items items) (out '()))
    (if (null? items)
        (apply string-append (reverse out))
        (let* ((x (car items))
               (piece (cond ((string? x) x)
                            ((eq? x 'pre) (substring str start (irregex-match-start-index m 0)))
                            ((eq? x 'post) (substring str (irregex-match-end-index m 0) end))
                            ((procedure? x)
                             (let ((r (x m)))
                               (if (string? r) r (error 'irregex-replace "not a string" r))))
                            (else (or (irregex-match-substring m x) "")))))
          (loop (cdr items) (cons piece out))))))

(define (irregex-replace irx str . items)
  (let ((m (irregex-search irx str)))
    (if m
        (string-append (substring str 0 (irregex-match-start-index m 0))
                       (%irregex-substitution m str 0 (string-length str) items)
                       (substring str (irregex-match-end-index m 0) (string-length str)))
        str)))

(define (irregex-replace/all irx str . items)
  (let ((end (string-length str))
        ;; The common case, one string, needs no substitution per match.
        (fixed (and (pair? items) (null? (cdr items)) (string? (car items)) (car items))))
    (irregex-fold irx
                  (lambda (i m acc)
                    (cons (or fixed (%irregex-substitution m str 0 end items))
                          (cons (substring str i (irregex-match-start-index m 0)) acc)))
                  '()
                  str
                  (lambda (i acc)
                    (apply string-append (reverse (cons (substring str i end) acc)))))))

;; (irregex-fold irx kons knil str [finish [start [end]]]): kons gets the end of the previous
;; match (or start), the match and the seed. After an empty match the search moves on one
;; character, so it ends.
(define (irregex-fold irx kons knil str . rest)
  (let* ((finish (if (pair? rest) (car rest) (lambda (i acc) acc)))
         (start (if (and (pair? rest) (pair? (cdr rest))) (cadr rest) 0))
         (end (if (and (pair? rest) (pair? (cdr rest)) (pair? (cddr rest))) (caddr rest) (string-length str)))
         (irx (irregex irx)))
    (if (not (procedure? kons)) (error 'irregex-fold "not a procedure" kons))
    (if (not (procedure? finish)) (error 'irregex-fold "not a procedure" finish))
    (let loop ((i start) (from start) (acc knil))
      (if (>= i end)
          (finish from acc)
          (let ((m (%irregex-search-from irx str start end i)))
            (if (not m)
                (finish from acc)
                (let ((s (irregex-match-start-index m 0))
                      (e (irregex-match-end-index m 0))
                      (acc (kons from m acc)))
                  (if (= s e)
                      (loop (+ e 1) e acc)
                      (loop e e acc)))))))))

(define (irregex-extract irx str . range)
  (apply irregex-fold irx
         (lambda (i m acc) (cons (irregex-match-substring m) acc))
         '() str (lambda (i acc) (reverse acc)) range))

;; The pieces between matches; empty pieces are dropped, as CHICKEN's irregex drops them.
(define (irregex-split irx str . range)
  (let ((start (if (pair? range) (car range) 0))
        (end (if (and (pair? range) (pair? (cdr range))) (cadr range) (string-length str))))
    (irregex-fold irx
                  (lambda (i m acc)
                    (let ((s (irregex-match-start-index m 0)))
                      (if (< i s) (cons (substring str i s) acc) acc)))
                  '() str
                  (lambda (i acc) (reverse (if (< i end) (cons (substring str i end) acc) acc)))
                  start end)))

;;; Chunked matching: the chunks are joined into one string and searched as one text.

;; A chunker is a tagged vector of its procedures (a record type would be defined at
;; start-up; this stays lazy).
(define (%chunker-next c) (vector-ref c 1))
(define (%chunker-str c) (vector-ref c 2))
(define (%chunker-start c) (vector-ref c 3))
(define (%chunker-end c) (vector-ref c 4))

(define (make-irregex-chunker get-next get-str . o)
  (let* ((get-start (if (pair? o) (car o) (lambda (c) 0)))
         (get-end (if (and (pair? o) (pair? (cdr o))) (cadr o) (lambda (c) (string-length (get-str c)))))
         (get-substring (if (and (pair? o) (pair? (cdr o)) (pair? (cddr o))) (caddr o) #f))
         (get-subchunk (if (and (pair? o) (pair? (cdr o)) (pair? (cddr o)) (pair? (cdddr o))) (cadddr o) #f)))
    (vector 'irregex-chunker get-next get-str get-start get-end get-substring get-subchunk)))

;; The text of the chunks from `chunk` on, starting at `start` in the first.
(define (%irregex-chunk-text cnk chunk start)
  (let loop ((c chunk) (first #t) (out '()))
    (if (not c)
        (apply string-append (reverse out))
        (let* ((s ((%chunker-str cnk) c))
               (a (if (and first start) start ((%chunker-start cnk) c)))
               (b ((%chunker-end cnk) c)))
          (loop ((%chunker-next cnk) c) #f (cons (substring s a b) out))))))

(define (irregex-search/chunked irx cnk chunk . start)
  (irregex-search irx (%irregex-chunk-text cnk chunk (and (pair? start) (car start)))))

(define (irregex-match/chunked irx cnk chunk . start)
  (irregex-match irx (%irregex-chunk-text cnk chunk (and (pair? start) (car start)))))

(define (irregex-fold/chunked irx kons knil cnk chunk . rest)
  (let ((finish (if (pair? rest) (car rest) (lambda (src i acc) acc)))
        (start (and (pair? rest) (pair? (cdr rest)) (cadr rest))))
    (irregex-fold irx
                  (lambda (i m acc) (kons chunk i m acc))
                  knil
                  (%irregex-chunk-text cnk chunk start)
                  (lambda (i acc) (finish chunk i acc)))))

;; A chunked match is a match in the joined text: its chunk is the text.
(define (irregex-match-start-chunk m . n) (irregex-match-start-index m (if (pair? n) (car n) 0)) (%irregex-match-string m))
(define (irregex-match-end-chunk m . n) (irregex-match-end-index m (if (pair? n) (car n) 0)) (%irregex-match-string m))
(define (irregex-match-subchunk m . n) (apply irregex-match-substring m n))

;;; Patterns from other patterns

(define (irregex-quote str)
  (list->string
   (let loop ((cs (string->list str)))
     (cond ((null? cs) '())
           ((memv (car cs) (string->list "\\|[](){}.*+?^$#"))
            (cons #\\ (cons (car cs) (loop (cdr cs)))))
           (else (cons (car cs) (loop (cdr cs))))))))

;; An SRE matching any of the strings (a plain alternation; PCRE2 optimizes it).
(define (irregex-opt strs)
  (cond ((null? strs) '(or))
        ((null? (cdr strs)) (car strs))
        (else (cons 'or strs))))

(define (sre->string sre)
  (error 'sre->string "not supported: an SRE is compiled to PCRE2's syntax, not irregex's" sre))

;; A file name pattern: `*` matches no `/` (nor a leading `.`), `?` any character, `[...]` a
;; set, where `a-c` is a range and a leading `-c` means "not c", as in CHICKEN's glob->sre.
(define (glob->sre str)
  (let loop ((cs (string->list str)) (start #t) (out '()))
    (if (null? cs)
        (cons ': (reverse out))
        (let ((c (car cs)))
          (cond ((eqv? c #\*)
                 (loop (cdr cs) #f
                       (cons (if start
                                 '(or (: (~ ("./\\")) (* (~ ("/\\")))) (* (~ ("./\\"))))
                                 '(* (~ ("/\\"))))
                             out)))
                ((eqv? c #\?) (loop (cdr cs) #f (cons 'any out)))
                ((eqv? c #\[)
                 (let set ((rest (cdr cs)) (items '()))
                   (cond ((null? rest) (error 'glob->sre "unexpected end of character class" items))
                         ((eqv? (car rest) #\])
                          (loop (cdr rest) #f
                                (cons (if (and (pair? items) (null? (cdr items))) (car items) (cons 'or items)) out)))
                         ((and (pair? (cdr rest)) (eqv? (cadr rest) #\-) (pair? (cddr rest)) (not (eqv? (caddr rest) #\])))
                          (set (cdddr rest) (cons (list '/ (car rest) (caddr rest)) items)))
                         ((and (eqv? (car rest) #\-) (pair? (cdr rest)) (not (eqv? (cadr rest) #\])))
                          (set (cddr rest) (cons (list '~ (cadr rest)) items)))
                         (else (set (cdr rest) (cons (car rest) items))))))
                (else (loop (cdr cs) (eqv? c #\/) (cons c out))))))))
