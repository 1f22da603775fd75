(define included-relative 42)
