import XCTest
@testable import SchemeCore

final class ReaderTests: XCTestCase {
    func read(_ text: String) throws -> [Value] {
        let reader = Reader(text: text, file: "t.scm", symbols: SymbolTable())
        var out: [Value] = []
        while let v = try reader.read() { out.append(v) }
        return out
    }

    func testData() throws {
        XCTAssertEqual(try read("(a . b) #(1 2) #u8(1 255) \"x\\ty\" #\\space #t #false").map { $0.written },
                       ["(a . b)", "#(1 2)", "#u8(1 255)", "\"x\\ty\"", "#\\space", "#t", "#f"])
        XCTAssertEqual(try read("123456789012345678901234567890 -1/2 1e3 #x-ff +inf.0").map { $0.written },
                       ["123456789012345678901234567890", "-1/2", "1000.0", "-255", "+inf.0"])
        XCTAssertEqual(try read("'a `(b ,c ,@d)").map { $0.written }, ["(quote a)", "(quasiquote (b (unquote c) (unquote-splicing d)))"])
        XCTAssertEqual(try read("#!eof #!optional |a b|").map { $0.written }, ["#!eof", "#!optional", "|a b|"])
        XCTAssertEqual(try read("#!/usr/bin/env csi-swift -s\n42").map { $0.written }, ["42"])
    }

    /// A long list, a long vector and a long quoted list inside them read whole, with their
    /// positions. The reader once copied a list's items on every append, so 100,000 elements
    /// took minutes in a release build (a peer could stall a server with one line); now this
    /// test takes about 3 s in a debug build.
    func testLongListsReadWhole() throws {
        let n = 100_000
        let numbers = (0..<n).map(String.init).joined(separator: " ")
        let reader = Reader(text: "(a \(numbers) #(\(numbers)) '(\(numbers)))", file: "l.scm", symbols: SymbolTable())
        let datum = try XCTUnwrap(try reader.read())
        let items = try XCTUnwrap(datum.listToArray())
        XCTAssertEqual(items.count, n + 3)
        XCTAssertEqual(items[n].written, "\(n - 1)")
        guard case .vector(let v) = items[n + 1] else { return XCTFail("not a vector") }
        XCTAssertEqual(v.items.count, n)
        XCTAssertEqual(items[n + 2].listToArray()?.last?.listToArray()?.count, n)
        XCTAssertEqual(reader.sourceMap.location(of: datum)?.description, "l.scm:1:1")
    }

    func testPositions() throws {
        let reader = Reader(text: "\n  (foo\n (bar 1))", file: "p.scm", symbols: SymbolTable())
        let datum = try XCTUnwrap(try reader.read())
        XCTAssertEqual(reader.sourceMap.location(of: datum)?.description, "p.scm:2:3")
        let inner = try XCTUnwrap(datum.listToArray())[1]
        XCTAssertEqual(reader.sourceMap.location(of: inner)?.description, "p.scm:3:2")
    }

    func assertReadError(_ text: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try read(text)
            XCTFail("no error for \(text)", file: file, line: line)
        } catch SchemeError.exn(let kinds, let message, _, _) {
            XCTAssertEqual(kinds, ["syntax"], file: file, line: line)
            XCTAssertTrue(message.contains(fragment), "\(message) lacks \(fragment)", file: file, line: line)
            XCTAssertTrue(message.hasPrefix("t.scm:"), "\(message) lacks a position", file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }

    func testErrors() {
        assertReadError("(1 2", "unterminated list")
        assertReadError(")", "unexpected closing parenthesis")
        assertReadError("\"abc", "unterminated string")
        assertReadError("\"\\q\"", "invalid escape sequence")
        assertReadError("#z", "invalid sharp-sign")
        assertReadError("#!foo", "invalid `#!' token")
        assertReadError("#\\nosuchname", "unknown named character")
        assertReadError("#| open", "unterminated block comment")
        assertReadError("(1 . 2 3)", "more than one object")
        assertReadError("(1 ]", "wrong kind of parenthesis")
        assertReadError("#u8(300)", "bytevector")
    }

    func testIncompleteInputIsFlagged() {
        let reader = Reader(text: "(define (f x)", file: "t.scm", symbols: SymbolTable())
        XCTAssertThrowsError(try reader.read())
        XCTAssertTrue(reader.needsMoreInput)
    }
}
