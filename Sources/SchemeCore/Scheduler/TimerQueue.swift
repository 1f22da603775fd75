/// Deadlines of parked threads, earliest first (a binary min-heap). Entries are never
/// removed early: a thread woken some other way changes its wait token, and its old entry
/// is skipped when it comes up.
struct TimerQueue {
    private struct Entry {
        let deadline: Double
        let sequence: Int
        let thread: GreenThread
        let token: Int
        func precedes(_ o: Entry) -> Bool {
            deadline < o.deadline || (deadline == o.deadline && sequence < o.sequence)
        }
    }
    private var heap: [Entry] = []
    private var sequence = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var nextDeadline: Double? { heap.first?.deadline }

    mutating func add(_ thread: GreenThread, deadline: Double) {
        sequence += 1
        heap.append(Entry(deadline: deadline, sequence: sequence, thread: thread, token: thread.waitToken))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].precedes(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the earliest entry if its deadline is at or before `now`.
    mutating func popExpired(now: Double) -> (GreenThread, Int)? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && heap[l].precedes(heap[m]) { m = l }
                if r < heap.count && heap[r].precedes(heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return (first.thread, first.token)
    }

    /// Drops entries whose thread has moved on (keeps the heap from growing without bound
    /// when waits usually end before their deadline).
    mutating func prune() {
        let live = heap.filter { $0.thread.waitToken == $0.token }
        heap = []
        for e in live { add(e.thread, deadline: e.deadline) }
    }
}
