;;; The numeric tower's complex numbers and number syntax.
;;; Expected values are CHICKEN 5.3's (checked with csi) unless a comment says otherwise.

(define (ws x) (with-output-to-string (lambda () (write x))))

;;; Making and taking apart
(test "make-rectangular" '("1+2i" "1.0+2.0i" "1" "1.0")
      (map ws (list (make-rectangular 1 2) (make-rectangular 1 2.0) (make-rectangular 1 0.0) (make-rectangular 1.0 0))))
(test "make-polar" '("1.0" "1.08060461173628+1.68294196961579i") (map ws (list (make-polar 1 0) (make-polar 2 1))))
(test "parts" '(3 4 5 0 0.0) (list (real-part 3+4i) (imag-part 3+4i) (real-part 5) (imag-part 5) (imag-part 1.0)))
(test "magnitude and angle" '("5" "1.4142135623731" "3.14159265358979" "0.0")
      (map ws (list (magnitude 3+4i) (magnitude 1+i) (angle -1) (angle 1))))
(test "predicates" '(#t #t #f #f #f #t #f #t)
      (list (number? 1+i) (complex? 1+i) (real? 1+i) (rational? 1+i) (integer? 1+i) (exact? 1+i) (exact? 1.0+i) (cplxnum? +i)))
(test "nan? finite? infinite?" '(#t #t #t #f) (list (nan? +nan.0+i) (finite? 1+i) (infinite? +inf.0+i) (zero? +i)))

;;; Arithmetic
(test "+ - * /" '("2" "0" "11+2i" "-1/5+2/5i" "2.0+4.0i" "1.5+1.0i")
      (map ws (list (+ 1+2i 1-2i) (- 1+2i 1+2i) (* 1+2i 3-4i) (/ 1+2i 3-4i) (/ 1+2i 0.5) (+ 1/2 1.0+1.0i))))
(test "= and eqv?" '(#t #t #f #t #f) (list (= 1+2i 1+2i) (= 1.0+2.0i 1+2i) (= 1 1+i) (eqv? 1+2i 1+2i) (eqv? 1.0+2i 1+2i)))
(test "exact and inexact" '("3/2+5/2i" "0.5+3.0i") (map ws (list (inexact->exact 1.5+2.5i) (exact->inexact 1/2+3i))))
(test "square and signum" '("-1" "0+1i") (map ws (list (square +i) (signum 0+33i))))

;;; Functions into the complex plane
(test "sqrt" '("0.0+1.0i" "0.0+2.0i" "2.0+1.0i" "1.0+1.0i" "4")
      (map ws (list (sqrt -1) (sqrt -4.0) (sqrt 3+4i) (sqrt +2i) (sqrt 16))))
(test "log and exp" '("0.0+3.14159265358979i" "0.54030230586814+0.841470984807897i" "3.0+4.53236014182719i" "2.0")
      (map ws (list (log -1) (exp +i) (log -8 2) (log 100 10))))
(test "trigonometry" '("1.29845758141598+0.634963914784736i" "0.833730025131149-0.988897705762865i"
                       "1.5707963267949-1.31695789692482i" "0.0+1.31695789692482i" "1.17809724509617+0.173286795139986i")
      (map ws (list (sin 1+i) (cos 1+i) (asin 2) (acos 2) (atan 2+i))))
(test "expt" '("-1" "0+2i" "0-1/2i" "1.0+1.73205080756888i" "6.12323399573677e-17+1.0i" "0.207879576350762" "2" "1/2" "1.4142135623731")
      (map ws (list (expt +i 2) (expt 1+i 2) (expt 1+i -2) (expt -8 1/3) (expt -1 0.5) (expt +i +i) (expt 4 1/2) (expt 1/4 1/2) (expt 2 1/2))))
(test "exact-integer-nth-root" '((3 47) (1 4)) (list (receive (exact-integer-nth-root 128 4)) (receive (exact-integer-nth-root 5 10000000000))))

;;; Errors, with CHICKEN's kinds and messages
(test-error "division by exact zero in the complex plane" (exn arithmetic) (/ +i 0))
(test-error "a flonum divided by exact zero" (exn arithmetic) (/ 33.0 0))
(test-error "log of exact 0" (exn) (log 0))
(test-error "exact 0 to a complex power" (exn) (expt 0 +i))
(test-error "no ordering" (exn type) (< 1+i 2))
(test-error "abs of a complex number" (exn type) (abs 1+i))
(test-error "make-rectangular of a complex part" (exn type) (make-rectangular 1+i 1))
(test-error "real-part of a symbol" (exn type) (real-part 'a))
(test "error texts" '("bad argument type - complex number has no ordering" "bad argument type - not a real")
      (map (lambda (thunk) (handle-exceptions e ((condition-property-accessor 'exn 'message) e) (thunk)))
           (list (lambda () (< 1+i 2)) (lambda () (floor 1+i)))))

;;; Number syntax
(test "complex syntax" '("1+2i" "0+1i" "0-1i" "1.5-0.5i" "1.0-inf.0i" "3/2+5/2i" "16+17i" "1.0")
      (map (lambda (s) (ws (string->number s))) '("1+2I" "+i" "-i" "1.5-0.5i" "1-inf.0i" "#e1.5+2.5i" "#x10+11i" "1+0.0i")))
(test "not numbers" '(#f #f #f #f #f #f #f #f)
      (map string->number '("i" "+-i" "1+i+i" "1@2i" "#e#e1" "#x#b1" "1/0" "1e2#")))
(test "padding and exponents" '(10.0 10 1.0 1000.0 100.0 0.05) (map string->number '("1#" "#e1#" "1.#" "1#e2" "1s2" "1/2#")))
(test "exact decimals" '(3/2000 1/10) (map string->number '("#e1.5e-3" "#e.1")))
(test "inexact zero denominators" (list +inf.0 -inf.0) (map string->number '("#i1/0" "#i-1/0")))
(test "polar parts: a zero denominator only where the whole is inexact" '(#f #f #t)
      (map (lambda (s) (let ((n (string->number s))) (and n (nan? (real-part n))))) '("2@1/0" "1/0@1" "2.0@1/0")))
(test "-0# keeps its sign" "-0.0" (number->string (string->number "-0#")))
(test "number->string of flonums in other radixes" '("ff.0" "-10.0" "0.5") (list (number->string 255.0 16) (number->string -2.0 2) (number->string 0.5 16)))
(test "nan is never eqv?" '(#f #f) (list (eqv? +nan.0 +nan.0) (equal? (vector +nan.0) (vector +nan.0))))
(test "CHICKEN's fixnum range" '(#t #f #t) (list (fixnum? most-positive-fixnum) (fixnum? (+ 1 most-positive-fixnum)) (bignum? (+ 1 most-positive-fixnum))))
(test "bit->boolean past the limbs" '(#t #f) (list (bit->boolean -1 (expt 2 70)) (bit->boolean 5 (expt 2 70))))
(test "fixnum division" '("3/2" "-3/2" "-2" "0") (map ws (list (/ 6 4) (/ 6 -4) (/ 6 -3) (/ 0 5))))
(test "flonum against fixnum comparisons" '(#t #f #t #f) (list (< 0.5 1) (> 0.5 1) (= 2.0 2) (< +nan.0 1)))
;; A NaN never wins a comparison, so max and min keep what they hold (csi 5.3's results).
(test "max and min with NaN" '(1.0 2.0 2.0 #t #t)
      (list (max 1 +nan.0) (min 3 +nan.0 2) (max 2 +nan.0 1) (nan? (max +nan.0 1)) (nan? (min +nan.0 5.0))))

;; An exact integer with an integral flonum: computed on exact values, as in csi 5.3.
(test "quotient, remainder, modulo of a big exact integer and a flonum"
      '(3002399751580331.0 1.0 93.0 5389776188473374.0 0.0)
      (list (quotient 9007199254740993 3.0) (remainder 9007199254740993 2.0) (modulo 9007199254740993 100.0)
            (remainder 1e300 9007199254740993) (quotient -1 2.0)))
(define (error-summary thunk)
  (handle-exceptions e (list (get-condition-property e 'exn 'location) (get-condition-property e 'exn 'message)) (thunk)))
(test "gcd, lcm and exact-integer-sqrt name the type they want"
      '((gcd "bad argument type - not an integer") (lcm "bad argument type - not an integer")
        (exact-integer-sqrt "bad argument type - not an unsigned integer"))
      (map error-summary (list (lambda () (gcd 1.5 2)) (lambda () (lcm 2 1.5)) (lambda () (exact-integer-sqrt -1)))))
;; A power of a power of two is a shift (BigInt.power): the same as repeated products.
(test "expt of powers of two, either sign, as products" '()
      (let loop ((b -64) (bad '()))
        (if (> b 64) bad
            (loop (+ b 1)
                  (let each ((n 0) (bad bad))
                    (if (> n 70) bad
                        (each (+ n 1)
                              (if (= (expt b n) (let mul ((k n) (acc 1)) (if (= k 0) acc (mul (- k 1) (* acc b)))))
                                  bad (cons (list b n) bad)))))))))
(test "expt: exact results of the rational paths" '(1/8 -1/8 1/1267650600228229401496703205376 1024 81/16)
      (list (expt 2 -3) (expt -2 -3) (expt 2 -100) (expt 4 5) (expt 3/2 4)))
;; Products past the Karatsuba threshold (40 limbs, about 770 digits; BigIntProduct.swift),
;; checked by division, by sign, and against products of small factors.
(define big-a (- (expt 7 2000) 12345))
(define big-b (+ (expt 3 3001) 1))
(test "a large product divides back exactly" (list big-a 0 big-b 0)
      (let ((p (* big-a big-b)))
        (list (quotient p big-b) (remainder p big-b) (quotient p big-a) (remainder p big-a))))
(test "large products keep the rule of signs" '(#t #t)
      (list (= (* (- big-a) big-b) (- (* big-a big-b))) (= (* (- big-a) (- big-b)) (* big-a big-b))))
(test "a large power by squaring equals repeated products" #t
      (= (expt 3 6000) (let loop ((i 0) (acc 1)) (if (= i 6000) acc (loop (+ i 1) (* acc 3))))))
;; Long numbers print by splitting (BigIntDigits.swift): the digits read back, zero runs
;; included, in decimal and other radixes.
(test "long numbers print and read back" '(#t #t #t #t)
      (let ((x (* big-a big-b)) (z (+ (expt 10 4000) 1)))
        (list (= x (string->number (number->string x)))
              (= z (string->number (number->string z)))
              (= (- x) (string->number (number->string (- x) 16) 16))
              (= z (string->number (number->string z 7) 7)))))
(test "a power of ten prints as a one and zeros" '(4001 #\1 "000")
      (let ((s (number->string (expt 10 4000))))
        (list (string-length s) (string-ref s 0) (substring s 3998 4001))))
