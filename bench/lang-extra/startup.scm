;;; startup -- the cost of starting the interpreter for a trivial script.
(print "startup ok")
