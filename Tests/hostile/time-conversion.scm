; expect 0
(print (handle-exceptions e (condition? e) (time->milliseconds (seconds->time 1e300))))
