;; find-files over the tree named by the first argument (10,000 files made by run.sh).
(import (chicken file) (chicken process-context))
(print (length (find-files (car (command-line-arguments)))))
