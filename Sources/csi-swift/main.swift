import CSystem
import Glibc
import SchemeCore
import TCPPrimitives

// csi-swift: runs Scheme scripts, evaluates expressions and runs a readline REPL, with
// CHICKEN csi's options (docs/csi-swift.md).

setvbuf(stdout, nil, _IOFBF, 0)
// Large strings and vectors are allocated and freed constantly; by default glibc serves
// each with a fresh mmap whose pages fault in again every time (measured: 6x slower on
// string-append of 1 MB strings). Keep such blocks in the heap instead.
csystem_tune_malloc(64 << 20, 128 << 20)
let options = Options.parse(Array(CommandLine.arguments.dropFirst()),
                            environment: getenv("CSI_OPTIONS").map { String(cString: $0) })
exit(Driver(options: options).run())
