/// The threads parked on each file descriptor, and the readiness that arrived while none
/// was. Indexed by fd number rather than hashed: the kernel hands out the lowest free
/// numbers, and this table is consulted on every park and every wake of a network server.
struct FDWaitTable {
    /// Threads in the order they parked. The first is kept inline and the rest only exist
    /// when there are some, so the usual case of one thread per fd and direction allocates
    /// nothing and costs no reference counting beyond the thread's own.
    struct Waiters {
        private(set) var first: GreenThread?
        /// A slice: a wake takes the threads off the front one by one, and a slice's
        /// `removeFirst` is O(1) where an array's shifts the rest.
        private var rest: ArraySlice<GreenThread>?

        var isEmpty: Bool { first == nil }

        mutating func append(_ g: __owned GreenThread) {
            if first == nil { first = g } else if rest == nil { rest = [g] } else { rest?.append(g) }
        }

        /// Removes `g`; whether it was there.
        mutating func remove(_ g: GreenThread) -> Bool {
            if first === g {
                _ = popFirst()
                return true
            }
            guard let k = rest?.firstIndex(where: { $0 === g }) else { return false }
            rest?.remove(at: k)
            if rest?.isEmpty == true { rest = nil }
            return true
        }

        /// Takes the first thread off the list, moving its reference to the caller (a wake
        /// hands it on to the ready queue without counting it up and down).
        mutating func popFirst() -> GreenThread? {
            let g = first.take()
            if var more = rest.take(), !more.isEmpty {
                first = more.removeFirst()
                if !more.isEmpty { rest = more }
            }
            return g
        }

        var count: Int { first == nil ? 0 : 1 + (rest?.count ?? 0) }
    }

    struct Entry {
        var readers = Waiters()
        var writers = Waiters()
        /// The fd reported readable while no thread waited to read it.
        var readableSinceLastPark = false
        /// The peer shut down its side: readable (end of file) for good, no edge follows.
        var hungUp = false
    }

    private var entries: [Entry] = []
    /// Parked threads over all fds: whether the selector needs polling at all.
    private(set) var waiterCount = 0

    /// Changes the entry of `fd`, growing the table to hold it.
    private mutating func update<T>(_ fd: Int32, _ body: (inout Entry) -> T) -> T {
        let i = Int(fd)
        if i >= entries.count { grow(toHold: i) }
        return body(&entries[i])
    }

    private mutating func grow(toHold i: Int) {
        entries.append(contentsOf: repeatElement(Entry(), count: i + 1 - entries.count))
    }

    mutating func park(_ g: __owned GreenThread, on fd: Int32, reading: Bool) {
        waiterCount += 1
        let i = Int(fd)
        if i >= entries.count { grow(toHold: i) }
        // Not through `update`: its closure would capture `g`, a retain the table's own.
        if reading { entries[i].readers.append(g) } else { entries[i].writers.append(g) }
    }

    /// Takes every thread waiting on one direction of `fd` off the table.
    mutating func takeWaiters(_ fd: Int32, reading: Bool) -> Waiters {
        guard fd >= 0 && Int(fd) < entries.count else { return Waiters() }
        // Moved out, not copied: a copy and a reset cost three reference-count operations
        // per waiter, on every wake of a server's thread.
        var taken = Waiters()
        if reading { swap(&taken, &entries[Int(fd)].readers) } else { swap(&taken, &entries[Int(fd)].writers) }
        waiterCount -= taken.count
        return taken
    }

    /// Whether a thread waits to write to `fd`.
    func hasWriters(_ fd: Int32) -> Bool {
        fd >= 0 && Int(fd) < entries.count && !entries[Int(fd)].writers.isEmpty
    }

    /// Takes `g` off the waiting lists of `fd`.
    mutating func remove(_ g: GreenThread, from fd: Int32) {
        guard fd >= 0 && Int(fd) < entries.count else { return }
        if entries[Int(fd)].readers.remove(g) { waiterCount -= 1 }
        if entries[Int(fd)].writers.remove(g) { waiterCount -= 1 }
    }

    /// Records readiness nobody waited for; `consumeReadable` takes it back.
    mutating func noteReadable(_ fd: Int32) { update(fd) { $0.readableSinceLastPark = true } }

    mutating func noteHungUp(_ fd: Int32) { update(fd) { $0.hungUp = true } }

    /// Whether a read of `fd` can go on now: readiness was noted since the last park
    /// (consumed here) or the peer hung up.
    mutating func consumeReadable(_ fd: Int32) -> Bool {
        guard fd >= 0 && Int(fd) < entries.count else { return false }
        if entries[Int(fd)].hungUp { return true }
        guard entries[Int(fd)].readableSinceLastPark else { return false }
        entries[Int(fd)].readableSinceLastPark = false
        return true
    }

    /// Forgets the readiness of `fd`, which is being closed (its number may be reused).
    mutating func clearReadiness(_ fd: Int32) {
        guard fd >= 0 && Int(fd) < entries.count else { return }
        entries[Int(fd)].readableSinceLastPark = false
        entries[Int(fd)].hungUp = false
    }
}
