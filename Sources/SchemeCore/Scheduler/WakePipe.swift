/// A pipe that lets another thread (or a signal handler) wake a scheduler asleep in epoll:
/// `signal()` writes a byte (async-signal-safe), the scheduler watches `readEnd` and
/// `drain()`s it. Both ends are non-blocking; a full pipe already holds a wake-up, so a
/// dropped byte loses nothing.
final class WakePipe: Sendable {
    let readEnd: Int32
    /// For a C signal handler to write to directly (the user interrupt's).
    let writeEnd: Int32

    init() throws {
        let (r, w) = try FileDescriptor.pipe()
        try r.setNonBlocking()
        try w.setNonBlocking()
        readEnd = r.rawValue
        writeEnd = w.rawValue
    }

    deinit {
        try? FileDescriptor(rawValue: readEnd).close()
        try? FileDescriptor(rawValue: writeEnd).close()
    }

    func signal() {
        var byte: UInt8 = 1
        _ = withUnsafeBytes(of: &byte) { try? FileDescriptor(rawValue: writeEnd).write($0) }
    }

    /// In a forked child: the pipe is shared with the parent, whose scheduler would wake for
    /// the child's bytes and the child drain the parent's. A new pipe takes the same numbers
    /// (the selector and a C handler know them).
    func renewAfterFork() {
        guard let fresh = try? FileDescriptor.pipe() else { return }
        _ = try? Posix.duplicate(fresh.read.rawValue, to: readEnd)
        _ = try? Posix.duplicate(fresh.write.rawValue, to: writeEnd)
        try? fresh.read.close()
        try? fresh.write.close()
        try? FileDescriptor(rawValue: readEnd).setNonBlocking()
        try? FileDescriptor(rawValue: writeEnd).setNonBlocking()
    }

    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while let n = buffer.withUnsafeMutableBytes({ try? FileDescriptor(rawValue: readEnd).read(into: $0) }) ?? nil, n > 0 {}
    }
}
