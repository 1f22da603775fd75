;;; (chicken locative): a locative refers to one element of a container (a vector's slot,
;;; a pair's car or cdr, a string's character, a srfi-4 vector's or blob's element, a
;;; record's field). Here it is a record holding the container, the index and the
;;; container's accessors; a weak locative holds its container through a weak reference,
;;; so that it does not keep it alive. Errors are csi 5.3's.

;; Made on first use (a definition run at start-up would cost every program), and kept
;; on a symbol's property list.
(define (%locative-type)
  (or (get '%locative '%record-type)
      (let ((t (%make-record-type 'locative '(target index ref set))))
        (put! '%locative '%record-type t)
        t)))

(define (%locative-error kind loc message . arguments)
  (signal (make-composite-condition
           (make-property-condition 'exn 'message message 'arguments arguments 'location loc)
           (make-property-condition kind))))

;; (length ref set) of a container a locative can refer to, or #f.
(define (%locative-access x)
  (define (pair-ref p i) (if (eq? i 0) (car p) (cdr p)))
  (define (pair-set! p i v) (if (eq? i 0) (set-car! p v) (set-cdr! p v)))
  (cond ((vector? x) (list (vector-length x) vector-ref vector-set!))
        ((pair? x) (list 2 pair-ref pair-set!))
        ((string? x) (list (string-length x) string-ref string-set!))
        ((or (blob? x) (u8vector? x)) (list (u8vector-length x) u8vector-ref u8vector-set!))
        ((s8vector? x) (list (s8vector-length x) s8vector-ref s8vector-set!))
        ((u16vector? x) (list (u16vector-length x) u16vector-ref u16vector-set!))
        ((s16vector? x) (list (s16vector-length x) s16vector-ref s16vector-set!))
        ((u32vector? x) (list (u32vector-length x) u32vector-ref u32vector-set!))
        ((s32vector? x) (list (s32vector-length x) s32vector-ref s32vector-set!))
        ((u64vector? x) (list (u64vector-length x) u64vector-ref u64vector-set!))
        ((s64vector? x) (list (s64vector-length x) s64vector-ref s64vector-set!))
        ((f32vector? x) (list (f32vector-length x) f32vector-ref f32vector-set!))
        ((f64vector? x) (list (f64vector-length x) f64vector-ref f64vector-set!))
        ((and (record-instance? x) (not (%record? x (%locative-type))))
         (list (record-instance-length x) record-instance-slot record-instance-slot-set!))
        (else #f)))

(define (%make-locative x index weak? loc)
  (if (not (fixnum? index)) (%locative-error 'type loc "bad argument type - not a fixnum" index))
  (let ((access (%locative-access x)))
    (cond (access
           (if (or (< index 0) (>= index (car access)))
               (%locative-error 'bounds loc "out of range" index 0 (car access)))
           (%make-record (%locative-type) (if weak? (%make-weak-reference x) x) index (cadr access) (caddr access)))
          ((or (fixnum? x) (char? x) (boolean? x) (null? x) (eof-object? x) (eq? x (void)))
           (%locative-error 'type loc "locative cannot refer to immediate object" x))
          (else (%locative-error 'type loc "bad argument type - locative cannot refer to objects of this type" x)))))

(define (make-locative x . index)
  (%make-locative x (if (pair? index) (car index) 0) #f 'make-locative))
(define (make-weak-locative x . index)
  (%make-locative x (if (pair? index) (car index) 0) #t 'make-weak-locative))
(define (locative? x) (%record? x (%locative-type)))

;; The container of a locative, #f once a weak one's has been reclaimed.
(define (%locative-target l loc)
  (if (not (locative? l)) (%locative-error 'type loc "bad argument type" l))
  (let ((t (%record-ref l (%locative-type) 0)))
    (if (%weak-reference? t) (%weak-reference-value t) t)))

(define (%locative-live-target l loc)
  (or (%locative-target l loc) (%locative-error 'type loc "locative refers to reclaimed object" l)))

(define (locative-ref l)
  (let ((target (%locative-live-target l 'locative-ref)))
    ((%record-ref l (%locative-type) 2) target (%record-ref l (%locative-type) 1))))
(define (locative-set! l v)
  (let ((target (%locative-live-target l 'locative-set!)))
    ((%record-ref l (%locative-type) 3) target (%record-ref l (%locative-type) 1) v)))
(define (locative->object l) (%locative-target l 'locative->object))
(define (locative-index l)
  (%locative-target l 'locative-index)
  (%record-ref l (%locative-type) 1))
