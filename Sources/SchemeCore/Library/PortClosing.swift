extension Interpreter {
    /// Closes a port once: output is flushed first (a wait resumes the close).
    func closePort(_ p: Port) throws -> Value {
        if p.isClosed { return .unspecified }
        if p is BidirectionalPort {
            // Each half may run Scheme code (a custom port's close) or wait: Scheme closes
            // them one after the other.
            throw SchemeError.callInstead(procedure: preludeProcedure("%close-both-directions"), arguments: [.object(p)])
        }
        if let c = p as? CustomPort {
            c.isClosed = true
            if c.closer.isFalse { return .unspecified }
            throw SchemeError.callInstead(procedure: c.closer, arguments: [])
        }
        // A thread parked sending this port's output owns what is pending (CHICKEN's writer
        // holds it in its own call): the close ends that wait with an i/o error instead of
        // waiting to send it, which would block until the write timeout while nobody reads.
        if p.isOutput, !(p.fileDescriptor.map { scheduler.hasWriterWaiting(on: $0) } ?? false) {
            do {
                try p.flush()
            } catch SchemeError.wait(let request, _) {
                // Close once the rest is sent (the close flushes again, and may wait again).
                throw SchemeError.wait(request, finishing: { [unowned(unsafe) self] outcome in
                    try p.outputWaitEnded(outcome)
                    return try self.closePort(p)
                })
            }
        }
        p.isClosed = true
        // Threads waiting on this port resume (an input port reads as at end of file); a
        // socket's other direction keeps its registration and its waiters.
        if let fd = p.fileDescriptor {
            if p.closesFileDescriptor { scheduler.closingFileDescriptor(fd) } else { scheduler.closing(fd, reading: p.isInput) }
        }
        if p.isOutput { try p.closeOutput() } else { p.releaseInputBuffer(); try p.closeInput() }
        return processTable.childPorts.isEmpty ? .unspecified : try closedChildPort(p)
    }
}
