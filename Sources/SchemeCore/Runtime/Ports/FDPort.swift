import Glibc

/// A port on a file descriptor: standard input/output/error, files, pipes. Pipes and
/// terminals are never switched to non-blocking mode (the file description is shared with
/// the parent shell); the port asks `poll` whether a read or write would block and, if so,
/// parks the thread until it would not. Regular files are read and written directly.
public final class FDPort: Port {
    public let fd: Int32
    let ownsFD: Bool
    private let threshold: Int
    /// Whether readiness can be waited for (false for regular files).
    private let pollable: Bool
    private let isTerminal: Bool

    public init(fd: Int32, input: Bool, name: String, ownsFD: Bool, flushThreshold: Int = 4096) {
        self.fd = fd
        self.ownsFD = ownsFD
        self.threshold = flushThreshold
        let d = FileDescriptor(rawValue: fd)
        pollable = !d.isRegularFile
        isTerminal = d.isTerminal
        super.init(input: input, output: !input, name: name)
    }


    override public var flushThreshold: Int { threshold }
    override public var flushesOnNewline: Bool { isTerminal }
    override public var fileDescriptor: Int32? { fd }

    /// Whether a read (`.input`) or write (`.output`) would not block now.
    private func ready(_ events: PollEvents) -> Bool {
        guard pollable else { return true }
        // On a poll failure, let the read or write itself report the error.
        return (try? !FileDescriptor(rawValue: fd).poll(events).isEmpty) ?? true
    }

    override public func fill() throws -> [UInt8] {
        if !ready(.input) { throw waitForInput(.readable(fd: fd, deadline: nil)) }
        do {
            let buffer = UnsafeMutableRawBufferPointer(start: ScratchBuffer.current, count: ScratchBuffer.size)
            guard let n = try FileDescriptor(rawValue: fd).read(into: buffer) else {
                throw waitForInput(.readable(fd: fd, deadline: nil))
            }
            return Array(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        } catch let e as Errno {
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot read from port - \(e.text)", irritants: [],
                                  location: "read-char")
        }
    }

    override public func charReady() throws -> Bool {
        if index < buffer.count || sawEOF { return true }
        return ready(.input)
    }

    override public func emit(_ bytes: UnsafeRawBufferPointer) throws -> Int? {
        if !ready(.output) { return nil }
        do {
            return try FileDescriptor(rawValue: fd).write(bytes)
        } catch let e as Errno {
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot write to port - \(e.text)", irritants: [],
                                  location: "write")
        }
    }

    override public func outputWait() throws -> WaitRequest { .writable(fd: fd, deadline: nil) }

    override public var closesFileDescriptor: Bool { ownsFD }
    override public func closeInput() throws { if ownsFD { try? FileDescriptor(rawValue: fd).close() } }
    override public func closeOutput() throws {
        flushWaiting()
        if ownsFD { try? FileDescriptor(rawValue: fd).close() }
    }
}
