/// A pipe that lets another thread (or a signal handler) wake a scheduler asleep in epoll:
/// `signal()` writes a byte (async-signal-safe), the scheduler watches `readEnd` and
/// `drain()`s it. Both ends are non-blocking; a full pipe already holds a wake-up, so a
/// dropped byte loses nothing.
final class WakePipe: Sendable {
    let readEnd: Int32
    private let writeEnd: Int32

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

    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while let n = buffer.withUnsafeMutableBytes({ try? FileDescriptor(rawValue: readEnd).read(into: $0) }) ?? nil, n > 0 {}
    }
}
