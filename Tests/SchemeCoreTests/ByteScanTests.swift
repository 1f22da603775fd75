import XCTest
@testable import SchemeCore

/// The word- and vector-wide scans that ports and the reader use, against plain loops over
/// random text (a fixed seed, so a failure repeats).
final class ByteScanTests: XCTestCase {
    /// A small deterministic generator (xorshift): the same bytes on every run.
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
    }

    func testPlainASCIIRunEndAgreesWithAByteLoop() {
        var rng = Random(state: 0x9E37_79B9_7F4A_7C15)
        let alphabet: [UInt8] = [97, 98, 32, 10, 13, 0x80, 0xC3, 0xA9, 126, 0]
        for _ in 0..<5000 {
            let bytes = (0..<rng.next(80)).map { _ in rng.next(9) == 0 ? alphabet[rng.next(alphabet.count)] : 120 }
            let from = bytes.isEmpty ? 0 : rng.next(bytes.count + 1)
            let to = from + rng.next(bytes.count - from + 1)
            var expected = from
            while expected < to, bytes[expected] != 10, bytes[expected] != 13, bytes[expected] < 0x80 { expected += 1 }
            bytes.withUnsafeBytes { raw in
                XCTAssertEqual(ByteScan.plainASCIIRunEnd(raw, from: from, to: to), expected, "\(bytes) \(from)..<\(to)")
            }
        }
    }

    func testReaderWidensTextAsTheStandardLibraryDoes() {
        for text in ["", "(define x 1)", "λx → y", "a\u{0}b", String(repeating: "é(", count: 100), "\r\n\t"] {
            XCTAssertEqual(Reader.scalars(of: text), Array(text.unicodeScalars), text)
        }
    }

    /// Random lines, with every terminator `read-line` knows, ASCII or not, read back one by
    /// one: the line scan finds each end wherever it falls in a sixteen-byte step.
    func testReadLineSplitsRandomLines() throws {
        var rng = Random(state: 42)
        let chars: [Character] = ["a", "b", " ", "é", "€", "x", "y"]
        let terminators = ["\n", "\r\n", "\r"]
        var text = "", lines: [String] = [], previous = ""
        for _ in 0..<3000 {
            var line = String((0..<rng.next(50)).map { _ in chars[rng.next(chars.count)] })
            // "\r" then an empty line's "\n" would read as one "\r\n".
            if previous == "\r" && line.isEmpty { line = "z" }
            previous = terminators[rng.next(3)]
            lines.append(line)
            text += line + previous
        }
        let port = StringInputPort(text)
        var read: [String] = []
        while let line = try port.readLineString() { read.append(line.string) }
        XCTAssertEqual(read, lines)
    }
}
