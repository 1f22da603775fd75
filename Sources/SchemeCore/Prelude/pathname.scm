;;; (chicken pathname): pathnames as strings, with CHICKEN 5.3's results (path-tests).
;;; On this platform the separator is `/` only: a backslash is an ordinary character,
;;; except in (normalize-pathname p 'windows), which takes both and writes `\`.

(define ##sys#windows-platform #f)

(define (%pathname-check loc s)
  (if (not (string? s)) (%type-error loc s))
  s)

(define (%pathname-sep? c) (char=? c #\/))

;; s without its trailing separators ("" stays "").
(define (%pathname-chop s)
  (let loop ((n (string-length s)))
    (if (and (> n 0) (%pathname-sep? (string-ref s (- n 1)))) (loop (- n 1)) (substring s 0 n))))

;; The index of the last character satisfying pred, or #f.
(define (%pathname-last-index pred s)
  (let loop ((i (- (string-length s) 1)))
    (cond ((< i 0) #f) ((pred (string-ref s i)) i) (else (loop (- i 1))))))

(define (absolute-pathname? pn)
  (%pathname-check 'absolute-pathname? pn)
  (and (> (string-length pn) 0) (%pathname-sep? (string-ref pn 0))))

;; (decompose-pathname pn) => directory, file and extension, each a string or #f.
(define (decompose-pathname pn)
  (define (dir-part s) (let ((d (%pathname-chop s))) (if (string=? d "") "/" d)))
  (define (split-base base)
    (let ((dot (%pathname-last-index (lambda (c) (char=? c #\.)) base)))
      (if (and dot (> dot 0) (< dot (- (string-length base) 1)))
          (values (substring base 0 dot) (substring base (+ dot 1) (string-length base)))
          (values base #f))))
  (%pathname-check 'decompose-pathname pn)
  (cond ((string=? pn "") (values #f #f #f))
        ((%pathname-sep? (string-ref pn (- (string-length pn) 1))) (values (dir-part pn) #f #f))
        (else
         (let ((slash (%pathname-last-index %pathname-sep? pn)))
           (receive (file ext) (split-base (if slash (substring pn (+ slash 1) (string-length pn)) pn))
             (values (and slash (dir-part (substring pn 0 (+ slash 1)))) file ext))))))

(define (pathname-directory pn) (receive (d f e) (decompose-pathname pn) d))
(define (pathname-file pn) (receive (d f e) (decompose-pathname pn) f))
(define (pathname-extension pn) (receive (d f e) (decompose-pathname pn) e))

;; A directory argument: a string, a list of strings, or #f.
(define (%pathname-dirs loc dirs)
  (cond ((or (not dirs) (null? dirs)) "")
        ((string? dirs) (%pathname-dirs loc (list dirs)))
        ((list? dirs)
         (apply string-append
                (map (lambda (d)
                       (%pathname-check loc d)
                       (if (string=? d "") "" (string-append (%pathname-chop d) "/")))
                     dirs)))
        (else (%type-error loc dirs))))

(define (%make-pathname loc dir file ext)
  (let ((file (if file (%pathname-check loc file) ""))
        (ext (if ext (%pathname-check loc ext) "")))
    (string-append
     dir
     (if (and (> (string-length dir) 0) (absolute-pathname? file)) (substring file 1 (string-length file)) file)
     (if (and (> (string-length ext) 0) (not (char=? (string-ref ext 0) #\.))) "." "")
     ext)))

(define (make-pathname dirs file #!optional ext)
  (%make-pathname 'make-pathname (%pathname-dirs 'make-pathname dirs) file ext))

(define (make-absolute-pathname dirs file #!optional ext)
  (let ((dir (%pathname-dirs 'make-absolute-pathname dirs)))
    (%make-pathname 'make-absolute-pathname (if (absolute-pathname? dir) dir (string-append "/" dir)) file ext)))

(define (pathname-strip-directory pn) (receive (d f e) (decompose-pathname pn) (make-pathname #f f e)))
(define (pathname-strip-extension pn) (receive (d f e) (decompose-pathname pn) (make-pathname d f)))
(define (pathname-replace-directory pn dir) (receive (d f e) (decompose-pathname pn) (make-pathname dir f e)))
(define (pathname-replace-file pn file) (receive (d f e) (decompose-pathname pn) (make-pathname d file e)))
(define (pathname-replace-extension pn ext) (receive (d f e) (decompose-pathname pn) (make-pathname d f ext)))

;; The components of dir between separators, empty ones dropped.
(define (%pathname-split s sep?)
  (let loop ((i 0) (start 0) (acc '()))
    (cond ((= i (string-length s))
           (reverse (if (> i start) (cons (substring s start i) acc) acc)))
          ((sep? (string-ref s i))
           (loop (+ i 1) (+ i 1) (if (> i start) (cons (substring s start i) acc) acc)))
          (else (loop (+ i 1) start acc)))))

;; (decompose-directory dir) => origin (a drive, never on this platform), "/" when
;; absolute, and the list of components (#f when there are none).
(define (decompose-directory dir)
  (%pathname-check 'decompose-directory dir)
  (let ((parts (%pathname-split dir %pathname-sep?)))
    (values #f (and (absolute-pathname? dir) "/") (and (pair? parts) parts))))

(define (directory-null? dir)
  (let loop ((parts (if (list? dir) dir (%pathname-split (%pathname-check 'directory-null? dir) %pathname-sep?))))
    (cond ((null? parts) #t)
          ((string=? (car parts) ".") (loop (cdr parts)))
          (else #f))))

;; (normalize-pathname path [platform]): `.` and empty components dropped, `..` folded into
;; the component before it, the trailing separator kept; 'windows also keeps a drive.
(define (normalize-pathname path #!optional (platform 'unix))
  (%pathname-check 'normalize-pathname path)
  (let* ((windows (eq? platform 'windows))
         (sep? (if windows (lambda (c) (or (char=? c #\/) (char=? c #\\))) %pathname-sep?))
         (sep (if windows "\\" "/"))
         (drive (and windows (>= (string-length path) 2) (char-alphabetic? (string-ref path 0))
                     (char=? (string-ref path 1) #\:) (substring path 0 2)))
         (rest (if drive (substring path 2 (string-length path)) path))
         (n (string-length rest))
         (absolute (and (> n 0) (sep? (string-ref rest 0))))
         (trailing (and (> n 0) (sep? (string-ref rest (- n 1)))))
         (parts (let loop ((ps (%pathname-split rest sep?)) (acc '()))
                  (cond ((null? ps) (reverse acc))
                        ((string=? (car ps) ".") (loop (cdr ps) acc))
                        ((and (string=? (car ps) "..") (pair? acc) (not (string=? (car acc) "..")))
                         (loop (cdr ps) (cdr acc)))
                        (else (loop (cdr ps) (cons (car ps) acc))))))
         (body (let join ((ps parts))
                 (cond ((null? ps) "")
                       ((null? (cdr ps)) (car ps))
                       (else (string-append (car ps) sep (join (cdr ps)))))))
         (result (string-append (if absolute sep "") body (if (and trailing (pair? parts)) sep ""))))
    (string-append (or drive "") (if (string=? result "") (if drive "" ".") result))))
