import CSystem

/// The control primitives the run loop performs itself (`apply`, `call/cc`, `values`,
/// `eval`, `exit`, ...) and reinstating continuations.
extension Machine {
    /// Copies a continuation's stack back and returns the (possibly new) stack base.
    func reinstate(_ k: Continuation, _ t: SchemeThread, _ sp: inout Int, _ frames: inout [Frame]) -> UnsafeMutablePointer<Value> {
        var st = t.stack
        if k.height + 8 >= t.capacity { st = t.grow(to: k.height + 8) }
        k.copyStack(into: st)
        sp = k.height
        frames = k.allFrames
        t.invalidateContinuations(above: 0)
        t.winders = k.winders
        t.handlers = k.handlers
        return st
    }

    /// Whether `k`'s frames are still on the thread, unchanged: then invoking it only has
    /// to drop the frames above its resume frame.
    func canUnwind(to k: Continuation, _ t: SchemeThread, _ frames: [Frame]) -> Bool {
        guard k.frameCount > 0, frames.count >= k.frameCount,
              t.isValid(k),
              let rf = k.resumeFrame else { return false }
        let f = frames[k.frameCount - 1]
        return f.code === rf.code && f.pc == rf.pc && f.fp == rf.fp
    }

    enum ControlResult {
        case again            // the stack holds a new call to perform
        case value(Value)     // an ordinary result
        case stop(RunOutcome)
    }

    // swiftlint:disable:next function_parameter_count
    func control(_ op: ControlOp, _ t: SchemeThread, _ st: inout UnsafeMutablePointer<Value>, _ sp: inout Int,
                 ci: Int, argc: inout Int, isTail: Bool, frames: inout [Frame],
                 code: Code, env: Captures, pc: Int, fp: Int) throws -> ControlResult {
        switch op {
        case .apply:
            // (apply f a ... list): f and the a's move down over `apply`, and the list's
            // elements follow them, read straight from its pairs (see BorrowedList).
            let list = st[ci + argc]  // held while its slot is written over
            guard let n = withUnsafePointer(to: list, { BorrowedList.properLength($0) }) else {
                throw SchemeError.type("apply", list)
            }
            let fixed = argc - 2
            if ci + fixed + n + 4 >= t.capacity { st = t.grow(to: ci + fixed + n + 8) }
            for k in 0...fixed { Value.move(from: st + ci + 1 + k, to: st + ci + k) }
            withUnsafePointer(to: list) { BorrowedList.copyElements(of: $0, to: st + ci + 1 + fixed) }
            sp = ci + 1 + fixed + n
            argc = fixed + n
            return .again
        case .applyValues:
            let f = st[ci + 1]
            let v = st[ci + 2]
            st[ci] = f
            if case .object(let o as MultipleValues) = v {
                if ci + o.values.count + 4 >= t.capacity { st = t.grow(to: ci + o.values.count + 8) }
                for (k, a) in o.values.enumerated() { st[ci + 1 + k] = a }
                argc = o.values.count
            } else {
                st[ci + 1] = v
                argc = 1
            }
            sp = ci + 1 + argc
            return .again
        case .values:
            if argc == 1 { return .value(st[ci + 1]) }
            return .value(.object(MultipleValues((0..<argc).map { st[ci + 1 + $0] })))
        case .callCC:
            let f = st[ci + 1]
            let current = Frame(code: code, env: env, pc: pc, fp: fp)
            let count = frames.count + (isTail ? 0 : 1)
            // Share the innermost valid continuation's segments when its frames are intact.
            var parent: Continuation? = nil
            if let last = t.validContinuations.last, last.frameCount <= count, last.height <= ci,
               let rf = last.resumeFrame {
                let idx = last.frameCount - 1
                let now = idx < frames.count ? frames[idx] : current
                if now.code === rf.code && now.pc == rf.pc && now.fp == rf.fp { parent = last }
            }
            if parent == nil { t.invalidateContinuations(above: 0) }
            let k: Continuation
            if let p = parent, p.frameCount == count, p.height == ci {
                // Nothing lies beyond `p`: a copy of it (its segments are shared arrays), not
                // a child, takes its place among the valid ones. A loop capturing in tail
                // position so keeps one continuation alive, not a chain as long as the loop.
                k = Continuation(parent: p.parent, frames: p.frameSegment, stack: p.stackSegment, frameCount: count,
                                 height: ci, winders: t.winders, handlers: t.handlers)
                t.replaceValid(p, with: k)
            } else {
                let baseFrames = parent?.frameCount ?? 0
                let baseHeight = parent?.height ?? 0
                // Sized once: appending the current frame to an exact-size copy reallocated it.
                var segment: [Frame] = []
                segment.reserveCapacity(max(0, count - baseFrames))
                if baseFrames < frames.count { segment.append(contentsOf: frames[baseFrames..<frames.count]) }
                if !isTail && baseFrames < count { segment.append(current) }
                let values = Array(UnsafeBufferPointer(start: st + baseHeight, count: ci - baseHeight))
                k = Continuation(parent: parent, frames: segment, stack: values, frameCount: count, height: ci,
                                 winders: t.winders, handlers: t.handlers)
                if count > 0 { t.noteValid(k) }
            }
            k.acceptsValues = returnKeepsValues(isTail: isTail, frames, code)
            st[ci] = f
            st[ci + 1] = .procedure(k)
            sp = ci + 2
            argc = 1
            return .again
        case .eval:
            let form = st[ci + 1]
            var env: SyntacticEnvironment?
            if argc > 1, case .object(let e as EnvironmentObject) = st[ci + 2] { env = e.syntax }
            let code = try interp.compile(form, sourceMap: interp.evalSourceMap, in: env)
            st[ci] = .procedure(Closure(code: code, captures: .empty))
            sp = ci + 1
            argc = 0
            return .again
        case .uncaught:
            return .stop(.uncaught(st[ci + 1]))
        case .callChain:
            return .value(callChain(frames, code, pc))
        case .collect:
            // (gc [major?]): a cycle collection now, this thread's registers saved as a safe
            // point saves them, so that its stack and frames are roots. A run nested in a
            // native call (depth > 1) has registers no thread holds, and a run under limits
            // must not buy unmetered work with one call: both ask for a collection at the
            // next safe point instead. CHICKEN answers its heap's free bytes; ours is malloc's.
            if depth == 1 && !interp.runGuard.watching {
                t.sp = sp; t.fp = fp; t.pc = pc; t.code = code; t.env = env
                t.stack = st
                t.frames = frames
                // Slots above the top keep what returned calls left there: dead to the
                // program, but their references would make finalized objects look held.
                for i in sp..<t.capacity where !Value.isTrivial(at: st + i) { st[i] = .null }
                interp.collectCycles(current: t)
                t.frames = []
            } else {
                interp.collector.isDue = true
            }
            return .value(.fixnum(Int(clamping: csystem_heap_free())))
        case .exit:
            let status = Int32(truncatingIfNeeded: argc > 0 ? (try exitStatus(st[ci + 1])) : 0)
            if interp.isForkedChild {
                interp.flushBeforeExit()
                ChildProcess.exitImmediately(status)
            }
            throw SchemeError.exit(status)
        }
    }

    func exitStatus(_ v: Value) throws -> Int {
        switch v {
        case .fixnum(let i): return i & 255
        case .unspecified, .defaultObject: return 0
        default: throw SchemeError.typeMsg(nil, "bad argument type - not a fixnum", v)
        }
    }
}
