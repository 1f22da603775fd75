/// What a native procedure waits for when it cannot finish without blocking. The VM stops
/// the thread with the call still pending; when the thread is resumed the same call runs
/// again (park and re-execute, see docs/architecture.md).
public enum WaitRequest {
    /// Wait until the file descriptor is readable, optionally until a deadline
    /// (seconds on the monotonic clock).
    case readable(fd: Int32, deadline: Double?)
    /// Wait until the file descriptor is writable.
    case writable(fd: Int32, deadline: Double?)
    /// Wait until the monotonic clock reaches `until`.
    case sleep(until: Double)
    /// Let other threads run, then retry.
    case yield
    /// Wait until the runtime wakes the thread (a mutex, a join, a condition variable) or
    /// the deadline passes.
    case parked(deadline: Double?)
}

/// Why a run of the VM stopped before the thread finished.
enum SuspendReason {
    /// The thread used up its time slice.
    case preempted
    /// A native procedure asked to wait.
    case blocked(WaitRequest)
}

/// A call that was suspended because its native procedure asked to wait; it is performed
/// again when the thread resumes.
struct PendingCall {
    let argc: Int
    let isTail: Bool
    /// Performed instead of the call when set: the rest of an operation that had already
    /// done part of its work (sent part of its output, unlocked a mutex) before waiting.
    var resume: (() throws -> Value)?
}

/// The monotonic clock in seconds.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

import Glibc
