/// A FIFO of runnable threads: a ring buffer, O(1) at both ends. Its capacity is a power of
/// two, so positions wrap with a mask; threads move in and out without reference counting
/// beyond the queue's own reference (a server switches threads once per request).
///
/// The ring is memory of its own, not an array: an array element stored through the
/// scheduler's field was checked for uniqueness and bounds on every push and pop.
final class ThreadQueue {
    private var slots: UnsafeMutablePointer<GreenThread>
    private var capacity = 16
    private var head = 0
    private(set) var count = 0

    init() { slots = .allocate(capacity: capacity) }

    deinit {
        removeAll()
        slots.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    func push(_ t: __owned GreenThread) {
        if count == capacity { grow() }
        (slots + ((head + count) & (capacity - 1))).initialize(to: t)
        count += 1
    }

    func pop() -> GreenThread? {
        guard count > 0 else { return nil }
        let t = (slots + head).move()
        head = (head + 1) & (capacity - 1)
        count -= 1
        return t
    }

    /// Drops every queued thread.
    func removeAll() {
        while pop() != nil {}
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<GreenThread>.allocate(capacity: capacity * 2)
        for i in 0..<count { (bigger + i).initialize(to: (slots + ((head + i) & (capacity - 1))).move()) }
        slots.deallocate()
        slots = bigger
        capacity *= 2
        head = 0
    }
}
