import XCTest
@testable import SchemeCore

/// Primitive table rows that declare their argument types (issue 12, item 2): the VM
/// enforces each row's declaration before the body runs, with CHICKEN's message located at
/// the callee's name.
final class SignatureTests: XCTestCase {
    /// Values of every kind a row can ask for; each position is tried with every value its
    /// type rejects.
    static let pool = """
        (list 1 -1 (expt 2 100) 1.5 "s" #\\a 'sym #:key '() '(1 2) (cons 1 2) (vector 1) car
              (current-output-port) (bytevector 1) 300 #t
              (s8vector 1) (u16vector 1) (s16vector 1) (u32vector 1) (s32vector 1) (u64vector 1) (s64vector 1)
              (f32vector 1) (f64vector 1) (irregex "a") (irregex-search "a" "a"))
        """

    func testEveryTypedRowRejectsEachWrongTypeAtTheCallee() throws {
        let scheme = Interpreter(output: StringOutputPort(), input: StringInputPort(""), errorPort: StringOutputPort())
        let pool = try XCTUnwrap(try scheme.eval(SignatureTests.pool).listToArray())
        var rows = 0, checked = 0
        for name in scheme.globalNames().sorted() {
            guard case .procedure(let p as Primitive)? = scheme.global(name), let signature = p.signature else { continue }
            rows += 1
            let types = signature.required + signature.optional + (signature.rest.map { [$0, $0] } ?? [])
            for (i, type) in types.enumerated() {
                // The other positions (enough for the arity) get a value their type accepts;
                // the body never runs, since the VM refuses the call at position i.
                var args: [Value] = []
                for t in types.prefix(max(signature.required.count, i + 1)) {
                    guard let ok = pool.first(where: { t.accepts($0) }) else { XCTFail("\(name): no value for \(t.noun)"); return }
                    args.append(ok)
                }
                for bad in pool where !type.accepts(bad) {
                    checked += 1
                    do {
                        args[i] = bad
                        _ = try scheme.call(name, args)
                        XCTFail("(\(name) ...) accepted \(bad.written) where a \(type.noun) belongs")
                    } catch let e as SchemeConditionError {
                        let expected = signature.terse ? "bad argument type" : type.message
                        XCTAssertEqual(e.kinds, ["exn", "type"], name)
                        XCTAssertEqual(e.text, "(\(name)) \(expected): \(bad.written)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(rows, 60)
        XCTAssertGreaterThan(checked, 1000)
    }

    func testHostProcedureWithASignatureNeverSeesABadCall() throws {
        let scheme = Interpreter(output: StringOutputPort(), input: StringInputPort(""), errorPort: StringOutputPort())
        var bodyRuns = 0
        let port = ArgumentType("port number") { if case .fixnum(let n) = $0 { (0...65535).contains(n) } else { false } }
        scheme.defineProcedure("open-door", Signature(.string, optional: [port])) { args in
            bodyRuns += 1
            return .string(MString(try args.text(0) + ":" + String(args.count > 1 ? try args.int(1) : 80)))
        }
        XCTAssertEqual(try scheme.eval("(open-door \"h\" 8080)").written, "\"h:8080\"")
        let errors = try scheme.eval("""
            (map (lambda (thunk) (handle-exceptions e (list ((condition-property-accessor 'exn 'location) e)
                                                            ((condition-property-accessor 'exn 'message) e))
                                   (thunk) 'no-error))
                 (list (lambda () (open-door 1))
                       (lambda () (open-door "h" 70000))
                       (lambda () (open-door "h" 1 2))))
            """)
        XCTAssertEqual(errors.written, """
            ((open-door "bad argument type - not a string") (open-door "bad argument type - not a port number") \
            (#f "bad argument count - received 3 but expected 1 to 2"))
            """)
        XCTAssertEqual(bodyRuns, 1)
    }
}
