/// Reading characters, lines and strings out of a port's input buffer. Every read here
/// only moves `index` forward over bytes that `fillBuffer` appended, so an input primitive
/// that has to wait midway can be run again from the start (see `Port.transaction`).
extension Port {
    /// The length of the UTF-8 sequence that starts with `lead` (1 for an invalid byte).
    @inline(__always) private static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1
    }

    /// Decodes the character at byte offset `i` (which must be buffered), filling if its
    /// sequence is cut off; returns it and its length in bytes. Invalid bytes read as U+FFFD.
    private func decode(at i: Int) throws -> (Unicode.Scalar, Int) {
        let lead = buffer[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let len = Port.sequenceLength(lead)
        if len == 1 { return ("\u{FFFD}", 1) }
        // A fill may compact the buffer, moving `index`; the character's place relative to
        // `index` stays (compaction never passes `index`), `i` does not.
        let offset = i - index
        while index + offset + len > buffer.count {
            if !(try fillBuffer()) { return ("\u{FFFD}", buffer.count - (index + offset)) }
        }
        let at = index + offset
        var v = UInt32(lead) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len {
            let b = buffer[at + k]
            guard b & 0xC0 == 0x80 else { return ("\u{FFFD}", k) }
            v = (v << 6) | UInt32(b & 0x3F)
        }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", len)
    }

    /// The byte offset just past the (non-ASCII) character at `i`, decoding it. Decoding may
    /// fill, and a fill may compact the buffer: the place is kept relative to `index`.
    private func offset(after i: Int) throws -> Int {
        let offset = i - index
        let (_, n) = try decode(at: i)
        return index + offset + n
    }

    func readChar() throws -> Unicode.Scalar? {
        if index >= buffer.count, !(try fillBuffer()) { return nil }
        let (c, n) = try decode(at: index)
        index += n
        return c
    }

    func peekChar() throws -> Unicode.Scalar? {
        if index >= buffer.count, !(try fillBuffer()) { return nil }
        return try decode(at: index).0
    }

    /// The end of the run of ASCII bytes in `buffer[from..<to]`.
    private func asciiRunEnd(from: Int, to: Int) -> Int {
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, from < to else { return from }
            return from + ByteScan.asciiPrefixLength(base + from, count: to - from)
        }
    }

    /// A string from the buffered bytes `a..<b` (valid UTF-8 boundaries).
    private func string(_ a: Int, _ b: Int, ascii known: Bool = false) -> MString {
        if known || asciiRunEnd(from: a, to: b) == b {
            // Copied through a buffer pointer: `buffer[a..<b]` goes through the generic
            // collection copy (a server pays it once per line).
            return buffer.withUnsafeBufferPointer { MString(ascii: UnsafeBufferPointer(rebasing: $0[a..<b])) }
        }
        return MString(String(decoding: buffer[a..<b], as: UTF8.self))
    }

    /// Reads a line ending in `\n`, `\r\n` or `\r` as a Scheme string; nil at end of
    /// input. With `limit`, at most that many characters (the rest stays buffered). Scans
    /// the buffer and fills it as needed, so a line costs one copy.
    func readLineString(limit: Int? = nil) throws -> MString? {
        var i = index
        var chars = 0
        // Whether a byte of the line needed decoding: if not, it is copied as ASCII.
        var decoded = false
        if let scan = lineScan, scan.start == index + compacted, scan.limit == limit {
            // The same read-line, run again after a wait: go on where its scan stopped, so a
            // line that arrives in small pieces costs time linear in its length.
            i = scan.scanned - compacted
            chars = scan.chars
            decoded = scan.decoded
        }
        lineScan = nil
        while true {
            while i < buffer.count {
                // Skip the run of plain ASCII bytes (no CR or LF) in one pass.
                let end = limit.map { min(buffer.count, i + max(0, $0 - chars)) } ?? buffer.count
                let run = buffer.withUnsafeBytes { ByteScan.plainASCIIRunEnd($0, from: i, to: end) }
                chars += run - i
                i = run
                if i >= buffer.count { break }
                if let limit, chars >= limit { return take(upTo: i, skip: 0, ascii: !decoded) }
                let c = buffer[i]
                if c == 10 { return take(upTo: i, skip: 1, ascii: !decoded) }
                if c == 13 {
                    // Whether "\n" follows may only be known after one more fill.
                    if i + 1 >= buffer.count {
                        let offset = i - index
                        let more = try fillBuffer()
                        i = index + offset
                        if !more { return take(upTo: i, skip: 1, ascii: !decoded) }
                    }
                    return take(upTo: i, skip: buffer[i + 1] == 10 ? 2 : 1, ascii: !decoded)
                }
                if c < 0x80 {
                    i += 1
                } else {
                    decoded = true
                    i = try offset(after: i)
                }
                chars += 1
            }
            // With a limit of 0 and nothing buffered, fill first: at the end it answers #!eof
            // (csi looks at the input before it counts).
            if let limit, chars >= limit, limit > 0 || i > index { return take(upTo: i, skip: 0, ascii: !decoded) }
            let offset = i - index
            lineScan = LineScan(start: index + compacted, scanned: i + compacted, chars: chars, decoded: decoded, limit: limit)
            if !(try fillBuffer()) {
                lineScan = nil
                return index < buffer.count ? take(upTo: buffer.count, skip: 0, ascii: !decoded) : nil
            }
            lineScan = nil
            i = index + offset
        }
    }

    /// How far an unfinished `readLineString` scanned (positions counted from the first
    /// byte ever read, like `compacted`), kept across the wait that interrupted it.
    struct LineScan {
        let start: Int
        let scanned: Int
        let chars: Int
        let decoded: Bool
        let limit: Int?
    }

    /// The characters from `index` to `end` as a string; then skips `skip` terminator bytes.
    private func take(upTo end: Int, skip: Int, ascii: Bool = false) -> MString {
        let line = string(index, end, ascii: ascii)
        index = end + skip
        return line
    }

    /// Reads up to `count` characters (nil: to the end); nil at end of input.
    func readString(count: Int?) throws -> MString? {
        var i = index
        var chars = 0
        var ascii = true
        while count.map({ chars < $0 }) ?? true {
            if i >= buffer.count {
                let offset = i - index
                if !(try fillBuffer()) { break }
                i = index + offset
            }
            if buffer[i] < 0x80 {
                // Skip a run of ASCII in one go.
                let end = count.map { min(buffer.count, i + ($0 - chars)) } ?? buffer.count
                let j = asciiRunEnd(from: i, to: end)
                chars += j - i
                i = j
            } else {
                ascii = false
                i = try offset(after: i)
                chars += 1
            }
        }
        if i == index { return nil }
        let s = string(index, i, ascii: ascii)
        index = i
        return s
    }

    /// The characters already buffered (`read-buffered`), consumed, without any I/O.
    func takeBuffered() -> MString {
        // Leave a sequence cut off by the buffer's end for the next read.
        var end = buffer.count
        var k = end - 1
        while k >= index && k > end - 4 && buffer[k] & 0xC0 == 0x80 { k -= 1 }
        if k >= index && buffer[k] >= 0xC0 && k + Port.sequenceLength(buffer[k]) > end { end = k }
        let s = string(index, end)
        index = end
        return s
    }

    /// The first buffered, unconsumed characters, at most `maxBytes` of them (cut where a
    /// character starts), for the datum reader; `whole` says whether they are all there is
    /// buffered. `skipCharacters` consumes what the reader took of them.
    func bufferedScalars(upTo maxBytes: Int) -> (scalars: [Unicode.Scalar], whole: Bool) {
        var end = buffer.count
        if end - index > maxBytes {
            end = index + maxBytes
            // Back off to the start of a character (a continuation byte is 10xxxxxx).
            while end > index + 1 && buffer[end] & 0xC0 == 0x80 { end -= 1 }
        }
        let scalars = buffer.withUnsafeBufferPointer { Reader.scalars(ofUTF8: UnsafeBufferPointer(rebasing: $0[index..<end])) }
        return (scalars, end == buffer.count)
    }

    /// Consumes a newline if one is buffered next; never waits for input.
    func skipBufferedNewline() {
        if index < buffer.count && buffer[index] == 10 { index += 1 }
    }

    /// Consumes `n` characters that are buffered, counted as `bufferedScalars` decoded them:
    /// an invalid sequence is as many characters (U+FFFD) as the decoder made of it, so
    /// the reader's count never lands inside or past the next datum.
    func skipCharacters(_ n: Int) {
        var left = n
        buffer.withUnsafeBufferPointer { bytes in
            while left > 0 && index < bytes.count {
                if bytes[index] < 0x80 {
                    index += 1
                } else {
                    // A fresh parser: one keeps the bytes it looked ahead at.
                    var parser = Unicode.UTF8.ForwardParser()
                    var input = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
                    switch parser.parseScalar(from: &input) {
                    case .valid(let encoded): index += encoded.count
                    case .error(let length): index += max(1, length)
                    case .emptyInput: return
                    }
                }
                left -= 1
            }
        }
    }

    /// The next byte, consumed unless `peek`; nil at end of input.
    func readByte(peek: Bool) throws -> UInt8? {
        if index >= buffer.count, !(try fillBuffer()) { return nil }
        let b = buffer[index]
        if !peek { index += 1 }
        return b
    }

    /// Up to `count` bytes.
    func readBytes(_ count: Int) throws -> [UInt8] {
        while buffer.count - index < count, try fillBuffer() {}
        let n = min(count, buffer.count - index)
        let out = Array(buffer[index..<(index + n)])
        index += n
        return out
    }
}
