import XCTest
@testable import SchemeCore

/// Values across the boundary beyond numbers and strings: dictionaries and hash tables,
/// byte arrays and bytevectors, records by field name, Swift errors as conditions.
final class ContainerConversionTests: XCTestCase {
    func testDictionariesAndHashTables() throws {
        let (scheme, _) = makeInterpreter()
        scheme.define("ages", ["ann": 31, "bob": 42].schemeValue)
        XCTAssertEqual(try scheme.written("(list (hash-table-ref ages \"bob\") (hash-table-size ages) (hash-table-ref/default ages \"cy\" 0))"),
                       "(42 2 0)")
        XCTAssertEqual(try scheme.written("(eq? (hash-table-equivalence-function ages) equal?)"), "#t")
        try scheme.eval("(hash-table-set! ages \"cy\" 7)")
        XCTAssertEqual(try [String: Int](scheme: scheme.eval("ages")), ["ann": 31, "bob": 42, "cy": 7])
        // Symbol keys read as their names; values convert by their own type.
        XCTAssertEqual(try [String: [String]](scheme: scheme.eval("""
            (let ((h (make-hash-table))) (hash-table-set! h 'xs '("a" "b")) h)
            """)), ["xs": ["a", "b"]])
        XCTAssertThrowsError(try [String: Int](scheme: scheme.eval("(let ((h (make-hash-table))) (hash-table-set! h 1 2) h)")))
        XCTAssertThrowsError(try [String: Int](scheme: scheme.eval("(let ((h (make-hash-table))) (hash-table-set! h \"a\" 'b) h)")))
        XCTAssertThrowsError(try [String: Int](scheme: Value(3)))
    }

    func testBytesAndBytevectors() throws {
        let (scheme, _) = makeInterpreter()
        scheme.define("blob", Value(bytes: [0, 1, 255]))
        XCTAssertEqual(try scheme.written("(list (bytevector? blob) (bytevector-u8-ref blob 2) (bytevector-length blob))"), "(#t 255 3)")
        XCTAssertEqual(try [UInt8](bytevector: scheme.eval("(bytevector 9 8 7)")), [9, 8, 7])
        XCTAssertEqual(try [UInt8](bytevector: scheme.eval("(string->utf8 \"hé\")")), [0x68, 0xC3, 0xA9])
        XCTAssertEqual([UInt8]([4, 5]).bytevectorValue.written, "#u8(4 5)")
        XCTAssertThrowsError(try [UInt8](bytevector: Value("text")))
    }

    func testRecordsByFieldName() throws {
        let (scheme, _) = makeInterpreter()
        let p = try scheme.eval("""
            (define-record-type point (make-point x y) point? (x point-x) (y point-y set-point-y!))
            (let ((p (make-point 3 4))) (set-point-y! p "four") p)
            """)
        XCTAssertEqual(p.recordTypeName, "point")
        XCTAssertEqual(try Int(scheme: p.recordField("x")), 3)
        XCTAssertEqual(try String(scheme: p.recordField("y")), "four")
        XCTAssertEqual(p.recordFields?.map { $0.name }, ["x", "y"])
        XCTAssertThrowsError(try p.recordField("z"))
        XCTAssertNil(Value(1).recordFields)
        XCTAssertThrowsError(try Value("x").recordField("x"))
    }

    func testSwiftErrorsAreConditionsWithTheirType() throws {
        struct QuotaExceeded: Error, CustomStringConvertible {
            let user: String
            var description: String { "quota exceeded for \(user)" }
        }
        let (scheme, _) = makeInterpreter()
        scheme.defineProcedure("charge", arity: .exactly(1)) { args in throw QuotaExceeded(user: try String(scheme: args[0])) }
        XCTAssertEqual(try scheme.written("""
            (handle-exceptions e
              (list ((condition-property-accessor 'exn 'message) e)
                    ((condition-property-accessor 'swift 'type) e)
                    ((condition-predicate 'swift) e)
                    ((condition-property-accessor 'exn 'location) e))
              (charge "ann"))
            """), #"("quota exceeded for ann" "QuotaExceeded" #t charge)"#)
        // Unhandled, it reaches the host with the original error.
        XCTAssertThrowsError(try scheme.eval("(charge \"bob\")")) { e in
            let c = e as? SchemeConditionError
            XCTAssertEqual(c?.kinds, ["exn", "swift"])
            XCTAssertEqual((c?.swiftError as? QuotaExceeded)?.user, "bob")
        }
        XCTAssertThrowsError(try scheme.eval("(car 1)")) { e in XCTAssertNil((e as? SchemeConditionError)?.swiftError) }
    }

    /// Plain data crosses both ways as deep as allowed; deeper is refused, not a crash.
    func testDeepSchemeData() throws {
        let (scheme, _) = makeInterpreter()
        let nest = { (n: Int) in "(let loop ((i 0) (x '(1 #(2)))) (if (= i \(n)) x (loop (+ i 1) (list x i))))" }
        let deep = try scheme.eval("(define deep \(nest(SchemeData.maxDepth - 3))) deep")
        let data = try SchemeData(deep)
        scheme.define("back", data.value(in: scheme))
        XCTAssertEqual(try scheme.written("(equal? back deep)"), "#t")
        XCTAssertThrowsError(try SchemeData(scheme.eval(nest(100_000))))
        XCTAssertThrowsError(try SchemeData(scheme.eval("(list 1 car)")))
        XCTAssertThrowsError(try SchemeData(scheme.eval("(cons 1 2)")))
    }
}

