;; read-lines of the file named by the first argument (100 MB made by run.sh).
(import (chicken io) (chicken process-context))
(print (length (call-with-input-file (car (command-line-arguments)) read-lines)))
