;; 1,000 children: process-run + process-wait of `true`.
(import (chicken process))
(let loop ((i 0))
  (when (< i 1000)
    (process-wait (process-run "true" '()))
    (loop (+ i 1))))
