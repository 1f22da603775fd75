import CSystem
import Glibc

/// Guards the Swift recursion that is left where a program decides the depth: expanding and
/// compiling a nested expression (the reader, printer, `equal?` and the release of nested
/// objects use explicit work lists instead).
///
/// Rather than a fixed nesting limit, it measures the native stack of the OS thread that is
/// running, so an expression as deep as that thread can take is compiled, and a deeper one
/// raises a catchable `(exn runtime limit)` condition long before the stack is exhausted.
final class NativeStack {
    private var thread: pthread_t?
    /// The lowest stack address recursion may reach (the stack grows downwards).
    private var floor: UInt = 0

    /// Raises "expression nested too deeply" when less than the reserve is left.
    func check(_ location: String) throws {
        var marker: UInt8 = 0
        let sp = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        if thread.map({ pthread_equal($0, pthread_self()) == 0 }) ?? true { measure(sp) }
        if sp < floor {
            throw SchemeError.exn(kinds: ["runtime", "limit"], message: "expression nested too deeply",
                                  irritants: [], location: location)
        }
    }

    /// Finds the current thread's stack and keeps an eighth of it (at least 256 KiB, at most
    /// 4 MiB) in reserve for the frames that run between two checks and for error handling.
    private func measure(_ sp: UInt) {
        thread = pthread_self()
        var low: UInt = 0
        var size = 0
        if csystem_thread_stack(&low, &size) != 0 { low = 0 }
        let base = low
        guard base > 0, size > 0, base < sp else {
            // Unknown stack: assume the smallest common one (512 KiB below here).
            floor = sp > 384 << 10 ? sp - (384 << 10) : 0
            return
        }
        let reserve = UInt(min(max(size / 8, 256 << 10), 4 << 20))
        floor = base + reserve
    }
}
