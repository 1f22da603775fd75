import XCTest
@testable import SchemeCore

/// The word- and vector-wide scans that ports and the reader use, against plain loops over
/// random text (a fixed seed, so a failure repeats).
final class ByteScanTests: XCTestCase {
    typealias Random = SeededRandom

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

    /// Copies of every size around the vector step and the `memcpy` threshold, at every
    /// small offset, against the bytes themselves.
    func testByteMemoryCopiesEveryByte() {
        var rng = Random(state: 7)
        let source = (0..<9000).map { _ in UInt8(truncatingIfNeeded: rng.next(256)) }
        for count in [0, 1, 63, 64, 65, 2047, 2048, 2049, 2111, 4096 + 17, 8999 - 15] {
            for offset in 0..<16 {
                var target = [UInt8](repeating: 0, count: count + 32)
                source.withUnsafeBytes { from in
                    target.withUnsafeMutableBytes { to in
                        guard let t = to.baseAddress, let f = from.baseAddress else { return XCTFail("no storage") }
                        ByteMemory.copy(to: t + offset, from: f + 1, count: count)
                    }
                }
                XCTAssertEqual(Array(target[offset..<(offset + count)]), Array(source[1..<(1 + count)]), "\(count) at \(offset)")
                XCTAssertTrue(target[..<offset].allSatisfy { $0 == 0 } && target[(offset + count)...].allSatisfy { $0 == 0 },
                              "wrote outside \(count) at \(offset)")
            }
        }
    }

    /// ASCII strings in their own memory: made, sliced, appended, copied over themselves,
    /// widened and hashed, at sizes on both sides of the vector copy.
    func testStringsKeepTheirCharacters() {
        for n in [0, 1, 100, 5000] {
            let text = String((0..<n).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) })
            let s = MString(text)
            XCTAssertEqual(s.string, text)
            XCTAssertEqual(s.slice(n / 3, n / 2).string, String(Array(text)[(n / 3)..<(n / 2)]))
            XCTAssertEqual(MString.concatenate([MString("xyz"), s, MString("é"), s]).string, "xyz" + text + "é" + text)
            XCTAssertEqual(MString.concatenate([MString("a"), s]).string, "a" + text)
            let c = s.copy()
            XCTAssertTrue(c.sameCharacters(as: s))
            var h1 = Hasher(), h2 = Hasher()
            c.hashCharacters(into: &h1); s.hashCharacters(into: &h2)
            XCTAssertEqual(h1.finalize(), h2.finalize())
            if n > 10 {
                c.copy(from: c, 0, n - 3, at: 3)
                XCTAssertEqual(c.string, String(text.prefix(3)) + String(text.prefix(n - 3)))
                c[1] = "λ"
                XCTAssertFalse(c.isASCII)
                XCTAssertEqual(c.count, n)
                XCTAssertEqual(c[1], "λ")
                XCTAssertEqual(c[2], s[2])
            }
        }
    }
}
