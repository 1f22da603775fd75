import Glibc
import SchemeCore
import TCPPrimitives

// csi-swift: runs Scheme scripts and evaluates expressions like CHICKEN's csi.
// The full option set and the readline REPL arrive with the command-line issue.

setvbuf(stdout, nil, _IOFBF, 0)
let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
exit(Driver(options: options).run())
