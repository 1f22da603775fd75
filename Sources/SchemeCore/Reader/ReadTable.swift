/// Read syntax a program added (`set-read-syntax!`, `set-sharp-read-syntax!`,
/// `set-parameterized-read-syntax!`, CHICKEN's `(chicken read-syntax)`): procedures the
/// reader calls with a port on the text being read. A procedure that returns no values
/// (`(values)`) makes its text a comment.
final class ReadTable {
    /// `c`: called with the port after `c`.
    var plain: [UInt32: Value] = [:]
    /// `#c`: called with the port after `c`.
    var sharp: [UInt32: Value] = [:]
    /// `#NNNc`: called with the number and the port after `c`.
    var parameterized: [UInt32: Value] = [:]
    /// Character names added with `(char-name name char)`, lower case.
    var characterNames: [String: Unicode.Scalar] = [:]
    /// Runs a procedure (the interpreter's nested call, which also bounds how deeply reader
    /// procedures may nest).
    let call: (Value, [Value]) throws -> Value

    init(call: @escaping (Value, [Value]) throws -> Value) { self.call = call }

    var isEmpty: Bool { plain.isEmpty && sharp.isEmpty && parameterized.isEmpty }

    /// Every procedure in the table (roots for the cycle collector).
    var procedures: [Value] { Array(plain.values) + Array(sharp.values) + Array(parameterized.values) }
}

/// The input port a read-syntax procedure reads from: the reader's text from its current
/// position, handed out in chunks so that a long file is not copied for each call.
final class ReaderPort: Port {
    private let text: ArraySlice<Unicode.Scalar>
    private var next: Int
    private(set) var handedOut = 0

    init(_ text: ArraySlice<Unicode.Scalar>, name: String) {
        self.text = text
        next = text.startIndex
        super.init(input: true, output: false, name: name)
    }

    override func fill() throws -> [UInt8] {
        let end = min(next + 4096, text.endIndex)
        var chunk = ""
        chunk.unicodeScalars.append(contentsOf: text[next..<end])
        next = end
        let bytes = Array(chunk.utf8)
        handedOut += bytes.count
        return bytes
    }

    /// How many characters the procedure consumed.
    var consumedCharacters: Int {
        var bytes = handedOut - (buffer.count - index)
        var n = 0
        while bytes > 0, text.startIndex + n < text.endIndex {
            bytes -= UTF8.width(text[text.startIndex + n])
            n += 1
        }
        return n
    }
}

extension Reader {
    /// Runs `proc` on the text after the current position (the syntax's own characters are
    /// consumed already), then moves past what it read. Nil if it returned no values.
    func readWithTable(_ table: ReadTable, _ proc: Value, _ arguments: [Value]) throws -> Value? {
        let port = ReaderPort(remainingText, name: file)
        let result = try table.call(proc, [.object(port)] + arguments)
        for _ in 0..<port.consumedCharacters { next() }
        return result.valuesArray.first
    }
}

/// A file being loaded, read one form at a time (`load`).
final class SourceReader: SchemeObject {
    let reader: Reader
    init(_ reader: Reader) { self.reader = reader }
    override var typeName: String { "source" }
}
