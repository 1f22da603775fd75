import CSystem

/// Enforces the `EvaluationLimits` of the running evaluation. The VM asks it for each new
/// allowance of safe points (`grant`), every 10,000 of them; the scheduler asks it before
/// and after each wait (`idleStop`, `waitCap`). Nothing here runs per instruction.
final class RunGuard {
    /// The limits of evaluations that name none.
    var defaults = EvaluationLimits.none
    /// The limits of the running evaluation.
    private(set) var current = EvaluationLimits.none
    /// Whether an evaluation is running (nested ones run under the outermost's limits).
    private(set) var evaluating = false
    /// Whether the VM must consult `grant` at its checks: limits are set, or interrupts can
    /// come.
    @exclusivity(unchecked) private(set) var watching = false
    /// Set when the evaluation must end; the VM suspends the thread and the run loops
    /// report it.
    @exclusivity(unchecked) var stopReason: EvaluationStopped.Reason?
    /// The interrupt handle, once the host asked for one.
    var interrupts: InterruptHandle? {
        didSet { watching = evaluating && (!current.isEmpty || interrupts != nil) }
    }

    private var safePointsLeft = Int.max
    private var deadline: Double?
    private var heapCeiling: Int?

    /// The allowance of a thread between checks when nothing limits it.
    static let standardGrant = 10_000

    func begin(_ limits: EvaluationLimits) {
        current = limits
        evaluating = true
        stopReason = nil
        interrupts?.clear()
        safePointsLeft = limits.instructions.map { max(0, $0) } ?? Int.max
        deadline = limits.timeout.map { monotonicSeconds() + max(0, $0) }
        heapCeiling = limits.heapBytes.map { RunGuard.heapInUse + max(0, $0) }
        watching = !limits.isEmpty || interrupts != nil
    }

    func end() {
        evaluating = false
        watching = false
        current = .none
    }

    static var heapInUse: Int { Int(clamping: csystem_heap_in_use()) }

    /// Charges the `used` safe points a thread has passed since its last grant and returns
    /// its next allowance, or nil (with `stopReason` set) when the evaluation must stop.
    func grant(used: Int) -> Int? {
        if stopReason != nil { return nil }
        if let r = limitCrossed(used: used) {
            stopReason = r
            return nil
        }
        return min(RunGuard.standardGrant, max(1, safePointsLeft))
    }

    private func limitCrossed(used: Int, heap: Bool = true) -> EvaluationStopped.Reason? {
        if interrupts?.isRequested == true { return .interrupted }
        if safePointsLeft != Int.max {
            safePointsLeft -= used
            if safePointsLeft <= 0 { return .instructions }
        }
        if let deadline, monotonicSeconds() >= deadline { return .timeout }
        if heap, let heapCeiling, RunGuard.heapInUse > heapCeiling { return .heap }
        return nil
    }

    /// For the scheduler, when no thread runs: whether the evaluation must stop now
    /// (interrupted, or its deadline passed while every thread waited).
    func idleStop() -> Bool {
        guard watching else { return false }
        if stopReason == nil, let r = limitCrossed(used: 0, heap: false) { stopReason = r }
        return stopReason != nil
    }

    /// The longest the scheduler may wait (seconds) before the deadline needs a look.
    func waitCap(_ timeout: Double?) -> Double? {
        guard watching, let deadline else { return timeout }
        let left = max(0, deadline - monotonicSeconds())
        return timeout.map { min($0, left) } ?? left
    }
}
