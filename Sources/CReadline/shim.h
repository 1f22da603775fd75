// GNU readline for the csi-swift executable only (readline is GPL; the library products
// SchemeCore and TCPPrimitives link nothing but libc).
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>
