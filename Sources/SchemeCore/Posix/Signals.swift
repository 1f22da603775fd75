import CSystem
import Glibc

/// Signals for Scheme handlers. A C handler marks a caught signal pending and writes a
/// byte to a pipe; the scheduler watches the pipe's read end like any fd, so a thread that
/// waits on it (the signal dispatcher) runs once a signal came, whatever the others do.
public enum Signals {
    /// The wake pipe, made when the first signal is caught.
    /// Process-wide, as signal dispositions are; set once, before any handler can run.
    nonisolated(unsafe) private static var wakePipe: (read: FileDescriptor, write: FileDescriptor)?

    /// The pipe's read end (made on first use).
    public static func wakeDescriptor() throws -> FileDescriptor {
        if let wakePipe { return wakePipe.read }
        let pipe = try FileDescriptor.pipe()
        try pipe.read.setNonBlocking()
        try pipe.write.setNonBlocking()
        wakePipe = pipe
        csystem_signal_set_wake_fd(pipe.write.rawValue)
        return pipe.read
    }

    /// In a forked child: the pipe is shared with the parent, which would take the child's
    /// wake-ups. A new pipe takes the same descriptor numbers.
    public static func renewAfterFork() {
        guard let old = wakePipe, let new = try? FileDescriptor.pipe() else { return }
        _ = try? Posix.call { dup2(new.read.rawValue, old.read.rawValue) }
        _ = try? Posix.call { dup2(new.write.rawValue, old.write.rawValue) }
        try? new.read.close()
        try? new.write.close()
        try? old.read.setNonBlocking()
        try? old.write.setNonBlocking()
    }

    /// Catches `signal` from now on (marks it pending and wakes the pipe).
    public static func catchSignal(_ signal: Int32) throws {
        _ = try wakeDescriptor()
        _ = try Posix.call { csystem_signal_catch(signal) }
    }

    /// Gives `signal` its default action back.
    public static func restoreDefault(_ signal: Int32) throws {
        _ = try Posix.call { csystem_signal_default(signal) }
    }

    /// Empties the wake pipe; the signals caught since the last call.
    public static func takePending() -> [Int32] {
        if let wakePipe {
            var scratch = [UInt8](repeating: 0, count: 64)
            while let n = try? scratch.withUnsafeMutableBytes({ try wakePipe.read.read(into: $0) }), n > 0 {}
        }
        return (1..<Int32(NSIG)).filter { csystem_signal_take($0) == 1 }
    }

    /// Whether `signal` is blocked; `block` true/false blocks or unblocks it (the result
    /// is then whether it was blocked before).
    public static func mask(_ signal: Int32, block: Bool?) throws -> Bool {
        let how: Int32 = block == nil ? 2 : block == true ? 0 : 1
        let r = csystem_signal_mask(signal, how)
        if r < 0 { throw Errno(EINVAL) }
        return r == 1
    }

    /// `alarm(seconds)`: the seconds left of the previous alarm.
    public static func alarm(_ seconds: UInt32) -> Int { Int(Glibc.alarm(seconds)) }
}
