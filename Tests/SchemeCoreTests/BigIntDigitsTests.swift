import XCTest
@testable import SchemeCore

/// Long bignums printed by splitting (BigIntDigits.swift) against the limb-at-a-time method,
/// in several radixes, with the zero runs that need padding (a fixed seed, so a failure
/// repeats).
final class BigIntDigitsTests: XCTestCase {
    private func check(_ x: BigInt, radix: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(x.magnitude.splitDigits(radix: radix), x.magnitude.chunkedDigits(radix: radix),
                       "\(x.limbs.count) limbs, radix \(radix)", file: file, line: line)
    }

    func testSplitDigitsAgreeWithChunkedDigits() {
        var rng = SeededRandom(state: 0x1234_5678_9ABC_DEF1)
        let t = BigInt.digitSplitThreshold
        for radix in [2, 7, 8, 10, 16, 36] {
            for n in [t + 1, 2 * t, 2 * t + 3, 5 * t + 1, 9 * t] {
                check(BigInt(limbs: (0..<n).map { _ in rng.limb() } + [1], negative: false), radix: radix)
            }
        }
    }

    func testSplitDigitsPadZeroRuns() {
        let t = BigInt.digitSplitThreshold
        for radix in [10, 16, 3] {
            var power = BigInt.one
            for _ in 0..<(t * 64 * 3) { power = power.multiplied(bySmall: radix) }  // radix^k, k ≈ 3t limbs' worth
            for x in [power, power + BigInt.one, power - BigInt.one, power.multiplied(bySmall: radix - 1) + BigInt(7)] {
                check(x, radix: radix)
            }
        }
        // A one followed by zeros: every low half is all zeros.
        var ten = BigInt.one
        for _ in 0..<5000 { ten = ten.multiplied(bySmall: 10) }
        let digits = ten.toString(radix: 10)
        XCTAssertEqual(digits.count, 5001)
        XCTAssertEqual(digits.first, "1")
        XCTAssertTrue(digits.dropFirst().allSatisfy { $0 == "0" })
        XCTAssertEqual((BigInt.zero - ten).toString(radix: 10), "-" + digits)
    }

    /// Long digit strings read back to the numbers they were printed from, leading zeros and
    /// all-nines included, and a stray character anywhere refused.
    func testReadingLongDigitStrings() {
        var rng = SeededRandom(state: 0xC0FF_EE12_3456_789A)
        for radix in [10, 16, 2, 36] {
            for n in [9, 40, 41, 80, 233] {
                let x = BigInt(limbs: (0..<n).map { _ in rng.limb() } + [3], negative: false)
                let text = x.toString(radix: radix)
                XCTAssertEqual(BigInt(digits: text, radix: radix), x, "\(n) limbs, radix \(radix)")
                XCTAssertEqual(BigInt(digits: String(repeating: "0", count: 777) + text, radix: radix), x)
            }
        }
        let nines = String(repeating: "9", count: 5000)
        XCTAssertEqual(BigInt(digits: nines, radix: 10).map { $0 + BigInt.one }?.toString(radix: 10),
                       "1" + String(repeating: "0", count: 5000))
        XCTAssertEqual(BigInt(digits: String(repeating: "0", count: 3000), radix: 10), BigInt.zero)
        XCTAssertNil(BigInt(digits: nines + "a", radix: 10))
        XCTAssertNil(BigInt(digits: "7" + nines, radix: 8))
        XCTAssertNil(BigInt(digits: String(repeating: "1", count: 2000) + "2", radix: 2))
    }

    /// The limb-at-a-time method itself: one limb as Swift writes it, and longer numbers in
    /// every radix read back (the buffer it writes into must hold the longest of them).
    func testChunkedDigitsInEveryRadix() {
        var rng = SeededRandom(state: 0x0DDB_A11C_AFE0_0042)
        for radix in 2...36 {
            for _ in 0..<4 {
                let limb = rng.limb()
                XCTAssertEqual(BigInt(limbs: [limb], negative: false).chunkedDigits(radix: radix),
                               limb == 0 ? "0" : String(limb, radix: radix))
            }
            for n in [2, 3, 17, 70, 71, 120] {
                let x = BigInt(limbs: (0..<n).map { _ in UInt.max - UInt(rng.next(3)) }, negative: false)
                XCTAssertEqual(BigInt(digits: x.chunkedDigits(radix: radix), radix: radix), x, "\(n) limbs, radix \(radix)")
            }
        }
    }
}
