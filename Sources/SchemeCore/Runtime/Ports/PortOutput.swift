/// The output side of `Port`: what output procedures append, and how it is sent. Output is
/// collected in `outBytes` and goes out through the subclass's `emit` at the end of each
/// output primitive (`commit`), so what a primitive accepted is sent exactly once, however
/// often it waits (see Port.swift).
extension Port {
    /// Appends text to the output buffer (nothing is sent until `commit` or `flush`).
    public func write(_ s: String) {
        outBytes.append(contentsOf: s.utf8)
    }

    /// Appends a Scheme string's characters (`display` of a string).
    func write(_ s: MString) {
        s.appendUTF8(to: &outBytes)
    }

    /// Appends one character.
    func write(_ c: Unicode.Scalar) {
        if c.value < 0x80 { outBytes.append(UInt8(c.value)) } else { UTF8.encode(c) { outBytes.append($0) } }
    }

    /// Ends an output primitive: sends the buffer if the port's policy says so.
    public func commit() throws {
        let pending = outBytes.count - sent
        guard pending > 0 else { return }
        let (threshold, onNewline) = bufferingMode ?? (flushThreshold, flushesOnNewline)
        if pending >= threshold || (onNewline && outBytes[sent...].contains(10)) {
            try flush()
        }
    }

    /// Writes `bytes` and ends the output primitive, as `write` and `commit` would. When
    /// nothing is pending and the policy sends this write at once, the bytes go out from
    /// where they lie: a line server's `display` then copies nothing into `outBytes`. What
    /// the sink does not take is buffered, and the flush waits for it as `commit`'s does.
    func writeAndCommit(_ bytes: UnsafeRawBufferPointer) throws {
        if sent == outBytes.count && !keepsOutput && !bytes.isEmpty {
            let (threshold, onNewline) = bufferingMode ?? (flushThreshold, flushesOnNewline)
            if bytes.count >= threshold || (onNewline && bytes.contains(10)) {
                guard let n = try emit(bytes) else {
                    outBytes.append(contentsOf: bytes)
                    throw try flushWait()
                }
                if n < bytes.count {
                    outBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[n...]))
                    try flush()
                }
                return
            }
        }
        outBytes.append(contentsOf: bytes)
        try commit()
    }

    /// Sends everything buffered. When the sink is not ready this throws
    /// `SchemeError.wait`, which finishes the flush once the sink is ready.
    public func flush() throws {
        // Nothing pending (`flush-output` after an output procedure that sent it all).
        if sent == outBytes.count || keepsOutput { return }
        while sent < outBytes.count {
            let n = try outBytes.withUnsafeBytes { all in
                try emit(UnsafeRawBufferPointer(rebasing: all[sent...]))
            }
            guard let n else { throw try flushWait() }
            sent += n
        }
        // What was sent stays, behind `sent`, until there is half a kilobyte: emptying the
        // array at every flush cost a line server about 60 instructions a request.
        if outBytes.count >= Port.drainedCompaction {
            outBytes.removeAll(keepingCapacity: outBytes.count <= 65536)
            sent = 0
        }
    }

    /// The wait of a flush the sink cannot take now: once it is ready, the flush goes on.
    private func flushWait() throws -> SchemeError {
        .wait(try outputWait(), finishing: { [unowned(unsafe) self] outcome in
            try self.outputWaitEnded(outcome)
            try self.flush()
            return .unspecified
        })
    }

    /// Drops output not sent yet (after the sink failed for good).
    public func discardOutput() {
        outBytes.removeAll()
        sent = 0
    }

    /// Flushes outside any green thread (at exit, from the host), waiting in place; gives
    /// up silently when the sink fails or its wait times out.
    public func flushWaiting() {
        while true {
            do {
                try flush()
                return
            } catch SchemeError.wait(let request, _) {
                guard Interpreter.waitInPlace(request) == .ready else {
                    discardOutput()
                    return
                }
            } catch {
                return
            }
        }
    }

    /// Appends raw bytes to the output buffer.
    func writeBytes<S: Sequence>(_ bytes: S) where S.Element == UInt8 { outBytes.append(contentsOf: bytes) }
}
