import XCTest
@testable import SchemeCore

/// Karatsuba products of bignum magnitudes against the schoolbook method, over operands of
/// every shape the split meets: around the threshold, lopsided, odd lengths, all-ones limbs
/// (the longest carries) and runs of zero limbs (a fixed seed, so a failure repeats).
final class BigIntProductTests: XCTestCase {
    private func trimmed(_ limbs: [UInt]) -> [UInt] {
        var l = limbs
        while l.last == 0 { l.removeLast() }
        return l
    }

    private func check(_ a: [UInt], _ b: [UInt], file: StaticString = #filePath, line: UInt = #line) {
        let fast = trimmed(BigInt.productMagnitude(a[...], b[...]))
        let slow = trimmed(BigInt.schoolbookProduct(a[...], b[...]))
        XCTAssertEqual(fast, slow, "\(a.count) × \(b.count) limbs", file: file, line: line)
    }

    func testKaratsubaAgreesWithSchoolbook() {
        var rng = SeededRandom(state: 0x2545_F491_4F6C_DD1D)
        let t = BigInt.karatsubaThreshold
        let lengths = [1, 2, t - 1, t, t + 1, 2 * t - 1, 2 * t, 2 * t + 1, 3 * t + 7, 4 * t, 5 * t + 3, 9 * t + 1]
        for n in lengths {
            for m in lengths where m <= n {
                let a = (0..<n).map { _ in rng.limb() }
                let b = (0..<m).map { _ in rng.limb() }
                check(a, b)
                check(b, a)
            }
        }
        for _ in 0..<40 {
            check((0..<(t + rng.next(6 * t))).map { _ in rng.limb() }, (0..<(t + rng.next(6 * t))).map { _ in rng.limb() })
        }
    }

    func testKaratsubaOfExtremeOperands() {
        let t = BigInt.karatsubaThreshold
        // All ones: every partial sum carries to the top.
        check([UInt](repeating: .max, count: 3 * t + 1), [UInt](repeating: .max, count: 2 * t + 5))
        // Zero halves: the middle product and both subtractions see empty or zero pieces.
        let lowZero = [UInt](repeating: 0, count: 2 * t) + [UInt](repeating: 7, count: 2 * t)
        let highZero = [UInt](repeating: .max, count: 2 * t) + [UInt](repeating: 0, count: 2 * t)
        check(lowZero, highZero)
        check(lowZero, lowZero)
        check(highZero, highZero)
        // A square, as expt makes them.
        let x = (0..<(8 * t + 3)).map { UInt($0) &* 0xDEAD_BEEF_1234_5677 }
        check(x, x)
    }
}
