import Glibc

/// `(chicken process signal)`. A Scheme handler does not run inside the C signal handler:
/// the signal is marked pending and wakes a pipe, and a green thread (the dispatcher, started
/// with the first handler, Prelude/process.scm) runs the handler in a thread of its own at
/// the scheduler's next switch. So a handler never interrupts code halfway, and a long or
/// failing handler stops neither the program nor the next signal.
extension Interpreter {
    func signalPrimitives() -> [Primitive] {
        func signalNumber(_ args: Arguments, _ loc: String) throws -> Int32 {
            let n = try args.int(0)
            guard n > 0 && n < Int(NSIG) else {
                throw SchemeError.exn(kinds: ["domain"], message: "invalid signal number", irritants: [args[0]], location: loc)
            }
            return Int32(n)
        }
        func signalError(_ e: Errno, _ v: Value, _ loc: String) -> SchemeError {
            .exn(kinds: [], message: "cannot set signal handler - \(e.text)", irritants: [v], location: loc)
        }
        return [
            prim("%signal-check", Signature(.any, .symbol)) { args in
                guard case .symbol(let loc) = args[1] else { return .unspecified }
                _ = try signalNumber(args, loc.name)
                return .unspecified
            },
            prim("%signal-catch", Signature(.fixnum)) { args in
                do { try Signals.catchSignal(try signalNumber(args, "set-signal-handler!")) } catch let e as Errno {
                    throw signalError(e, args[0], "set-signal-handler!")
                }
                return .unspecified
            },
            prim("%signal-default", Signature(.fixnum)) { args in
                do { try Signals.restoreDefault(try signalNumber(args, "set-signal-handler!")) } catch let e as Errno {
                    throw signalError(e, args[0], "set-signal-handler!")
                }
                return .unspecified
            },
            // The signals caught since the last call, waiting (parked) until there is one.
            prim("%signal-wait", Signature()) { _ in
                let pending = Signals.takePending()
                if !pending.isEmpty { return Value.list(pending.map { .fixnum(Int($0)) }) }
                let fd = try Signals.wakeDescriptor()
                throw SchemeError.wait(.readable(fd: fd.rawValue, deadline: nil), then: { _ in .callAgain })
            },
            prim("signal-mask!", Signature(.fixnum)) { args in
                _ = try Signals.mask(try signalNumber(args, "signal-mask!"), block: true)
                return .unspecified
            },
            prim("signal-unmask!", Signature(.fixnum)) { args in
                _ = try Signals.mask(try signalNumber(args, "signal-unmask!"), block: false)
                return .unspecified
            },
            prim("signal-masked?", Signature(.fixnum)) { args in
                .bool(try Signals.mask(try signalNumber(args, "signal-masked?"), block: nil))
            },
            prim("set-alarm!", Signature(.fixnum)) { args in
                .fixnum(Signals.alarm(UInt32(clamping: max(0, try args.int(0)))))
            },
        ]
    }
}
