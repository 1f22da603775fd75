import Synchronization

/// Where Swift tasks hand results back to the scheduler. A task that finishes on another
/// thread stores its result in its `AsyncCall`, queues the call here and writes a byte to a
/// pipe the scheduler watches; the scheduler, on its own thread, wakes the green thread
/// parked on the call (`Scheduler.drainAsyncCompletions`). Nothing else crosses threads.
final class AsyncBridge: Sendable {
    private let completed = Mutex<[AsyncCall]>([])
    /// Calls started and not yet handed back (read and written on the scheduler's thread
    /// only, but kept atomic so the type is plainly Sendable).
    private let outstanding = Atomic<Int>(0)
    /// Calls finished and not taken yet: lets the scheduler skip the lock and the pipe.
    private let finishedCount = Atomic<Int>(0)
    /// Wakes a scheduler waiting in epoll.
    let wake: WakePipe

    init() throws { wake = try WakePipe() }

    /// Whether a task is running for some green thread (so waiting for it is no deadlock).
    var hasOutstanding: Bool { outstanding.load(ordering: .relaxed) > 0 }

    func started() { outstanding.add(1, ordering: .relaxed) }

    /// Called by a task on any thread when its call has its result.
    func finished(_ call: AsyncCall) {
        completed.withLock { $0.append(call) }
        finishedCount.add(1, ordering: .releasing)
        wake.signal()
    }

    /// Whether a finished call waits to be taken.
    var hasFinished: Bool { finishedCount.load(ordering: .acquiring) > 0 }

    /// The calls finished since the last look (the pipe emptied too).
    func takeFinished() -> [AsyncCall] {
        wake.drain()
        let calls = completed.withLock { list in
            let taken = list
            list = []
            return taken
        }
        finishedCount.subtract(calls.count, ordering: .releasing)
        outstanding.subtract(calls.count, ordering: .relaxed)
        return calls
    }
}

/// One call of an async procedure: its result, set once by the task, read by the parked
/// green thread after it wakes.
final class AsyncCall: Sendable {
    private let result = Mutex<Result<SchemeData, any Error>?>(nil)
    /// Where the calling green thread parks (touched on the scheduler's thread only).
    nonisolated(unsafe) let queue = WaitQueue()

    func finish(_ r: Result<SchemeData, any Error>) { result.withLock { $0 = r } }
    var outcome: Result<SchemeData, any Error>? { result.withLock { $0 } }
}
