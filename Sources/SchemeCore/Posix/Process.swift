import CSystem
import Glibc

/// How a child process ended: `normal` with its exit code, or ended by a signal.
public struct Termination: Equatable {
    /// True for a normal exit, false when a signal ended the process.
    public let normal: Bool
    /// The exit code (normal) or the signal number.
    public let status: Int32
}

/// A child process: starting one (`posix_spawnp`), reaping it without blocking, and
/// signalling it. Waiting is left to the caller, which parks a green thread on
/// `exitDescriptor()` or polls `reap()` on a timer.
public struct ChildProcess {
    /// The process id.
    public let pid: pid_t

    public init(pid: pid_t) { self.pid = pid }

    /// Starts `arguments[0]` (looked up in `PATH` unless it has a `/`) with `arguments` as
    /// its argv and `environment` (`NAME=VALUE`; nil: this process's). Each pair of
    /// `redirect` makes the child's descriptor `child` a copy of ours, `from`.
    public static func spawn(_ arguments: [String], environment: [String]?,
                             redirect: [(child: Int32, from: Int32)]) throws -> ChildProcess {
        guard let program = arguments.first else { throw Errno(EINVAL) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for r in redirect { posix_spawn_file_actions_adddup2(&actions, r.from, r.child) }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc: Int32
        if let envp {
            rc = posix_spawnp(&pid, program, &actions, nil, argv, envp)
        } else {
            rc = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        }
        if rc != 0 { throw Errno(rc) }
        return ChildProcess(pid: pid)
    }

    /// `waitpid(pid, WNOHANG)`: how the process ended, or nil while it runs. A pid of -1
    /// reaps any child; `reaped` then says which.
    public static func reap(_ pid: pid_t) throws -> (pid: pid_t, Termination)? {
        var status: Int32 = 0
        let r = try Posix.call { waitpid(pid, &status, WNOHANG) }
        if r == 0 { return nil }
        var code: Int32 = 0
        let normal = csystem_wait_status(status, &code) == 1
        return (r, Termination(normal: normal, status: code))
    }

    /// A descriptor that turns readable when the process ends (nil where the kernel has
    /// no pidfd). The caller closes it.
    public func exitDescriptor() -> FileDescriptor? {
        let fd = csystem_pidfd_open(pid)
        return fd < 0 ? nil : FileDescriptor(rawValue: fd)
    }

    /// `kill(pid, signal)`.
    public func signal(_ signal: Int32) throws {
        _ = try Posix.call { kill(pid, signal) }
    }

    /// This process's id and its parent's.
    public static var currentID: pid_t { getpid() }
    public static var parentID: pid_t { getppid() }
}

extension ChildProcess {
    /// `fork()`: the child's id in the parent, nil in the child.
    public static func fork() throws -> ChildProcess? {
        let pid = try Posix.call { Glibc.fork() }
        return pid == 0 ? nil : ChildProcess(pid: pid)
    }

    /// Replaces this process with `arguments[0]` (`execvp`, or `execve` with an
    /// environment); returns only by throwing why it failed.
    public static func execute(_ arguments: [String], environment: [String]?) throws -> Never {
        guard let program = arguments.first else { throw Errno(EINVAL) }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        if let envp { execve(program, argv, envp) } else { execvp(program, argv) }
        throw Errno.current
    }

    /// Ends this process at once (`_exit`): no exit handlers, no buffers written.
    public static func exitImmediately(_ status: Int32) -> Never { _exit(status) }
}
