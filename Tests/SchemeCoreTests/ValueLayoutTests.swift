import XCTest
@testable import SchemeCore

/// The VM reads objects out of stack slots by `Value`'s layout (Runtime/ValueLayout.swift).
final class ValueLayoutTests: XCTestCase {
    func testUnretainedReadsFindTheBoundObject() throws {
        XCTAssertTrue(Value.layoutIsAsExpected)
        // And for values the check does not build itself: a closure, a list, a string.
        let (scheme, _) = makeInterpreter()
        for text in ["(lambda (x) x)", "(list 1 2)", "(make-string 3 #\\a)", "'sym", "(make-vector 2 0)"] {
            let v = try scheme.eval(text)
            let object: AnyObject
            switch v {
            case .procedure(let p): object = p
            case .pair(let p): object = p
            case .string(let s): object = s
            case .symbol(let s): object = s
            case .vector(let x): object = x
            default: return XCTFail("\(text): not a heap value")
            }
            withUnsafePointer(to: v) { slot in
                XCTAssertEqual(Value.unretainedObject(at: slot), UnsafeRawPointer(Unmanaged.passUnretained(object).toOpaque()), text)
            }
        }
    }

    /// `isUniquelyReferenced` answers true only while the slot holds the object's one reference.
    func testUniquenessSeesOtherReferences() {
        var slot = Value.pair(Pair(.fixnum(1), .null))
        withUnsafeMutablePointer(to: &slot) { p in XCTAssertTrue(Value.isUniquelyReferenced(at: p)) }
        let other = slot
        withUnsafeMutablePointer(to: &slot) { p in
            XCTAssertFalse(Value.isUniquelyReferenced(at: p), "another value holds the pair")
        }
        _ = other
    }
}
