import XCTest
@testable import SchemeCore

final class VMTests: XCTestCase {
    func testArithmeticAndCalls() throws {
        let (s, _) = makeInterpreter()
        XCTAssertEqual(try s.written("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 20)"), "6765")
        XCTAssertEqual(try s.written("(let loop ((i 0)) (if (< i 100000) (loop (+ i 1)) i))"), "100000")
    }

    /// The inline forms of `eq?`, `cons`, `car` ... `caddr`, `null?`, `pair?` and `not`
    /// (VM/InlineOps.swift, which read stack slots by their bytes) answer as the procedures
    /// called through `apply` do, for every kind of value, and raise the same errors.
    func testInlineOperationsAgreeWithTheirProcedures() throws {
        let (s, _) = makeInterpreter()
        let values = """
            (define p (list 1 2 3))
            (define samples (list #t #f 0 -1 7 1.5 0.0 -0.0 +nan.0 #\\a #\\b '() p (cdr p) (list 1 2 3) 'x 'y
                                 "s" (vector) car (lambda (x) x) (if #f #f) #!eof #!default (expt 2 70)))
            """
        _ = try s.eval(values)
        XCTAssertEqual(try s.written("""
            (let outer ((as samples) (bad 0))
              (if (null? as) bad
                  (outer (cdr as)
                    (let inner ((bs samples) (bad bad))
                      (if (null? bs) bad
                          (let ((a (car as)) (b (car bs)))
                            (inner (cdr bs) (if (eq? (eq? a b) (apply eq? (list a b))) bad (+ bad 1)))))))))
            """), "0")
        XCTAssertEqual(try s.written("""
            (map (lambda (v) (list (null? v) (pair? v) (not v))) (list '() p #f 0))
            """), "((#t #f #f) (#f #t #f) (#f #f #t) (#f #f #f))")
        XCTAssertEqual(try s.written("(let ((l (list 1 (list 2) 3))) (list (car l) (cdr l) (cadr l) (cddr l) (caddr l)))"),
                       "(1 ((2) 3) (2) (3) 3)")
        XCTAssertEqual(try s.written("(let* ((a (list 1)) (b (cons a a))) (set-car! a 9) (list b (eq? (car b) (cdr b))))"),
                       "(((9) 9) #t)")
        let report = "(lambda (thunk) (handle-exceptions e (list ((condition-property-accessor 'exn 'message) e) "
            + "((condition-property-accessor 'exn 'arguments) e) ((condition-property-accessor 'exn 'location) e)) (thunk)))"
        for (op, argument) in [("car", "5"), ("cdr", "'()"), ("cadr", "'(1)"), ("cddr", "'(1 . 2)"), ("caddr", "'(1 2)"),
                               ("caddr", "'(1 2 . 3)")] {
            let inline = try s.written("(\(report) (lambda () (\(op) \(argument))))")
            XCTAssertEqual(inline, try s.written("(\(report) (lambda () (apply \(op) (list \(argument)))))"), op)
            XCTAssertTrue(inline.contains("bad argument type"), inline)
            // The same builtin of a local variable reads the variable's slot (`localPrim1`).
            let ofLocal = try s.written("(\(report) (lambda () ((lambda (x) (\(op) x)) \(argument))))")
            XCTAssertEqual(ofLocal, inline, op)
        }
        // Every one-argument builtin of a local answers as its procedure does, for every sample.
        for op in ["null?", "pair?", "not", "eof-object?", "car", "cdr", "cadr", "cddr", "caddr", "zero?", "add1", "sub1"] {
            let disagreements = """
                (let loop ((vs samples) (bad '()))
                  (if (null? vs) bad
                      (let* ((v (car vs))
                             (direct (handle-exceptions e 'error ((lambda (x) (\(op) x)) v)))
                             (applied (handle-exceptions e 'error (apply \(op) (list v)))))
                        ;; compared as written: +nan.0 is not equal? to itself
                        (loop (cdr vs) (if (equal? (format "~s" direct) (format "~s" applied)) bad (cons v bad))))))
                """
            XCTAssertEqual(try s.written(disagreements), "()", op)
        }
        // A test that an `if` branches on at once (`branchOrPush`) picks the branch its
        // procedure's answer picks: predicates of a local, comparisons with a literal and of
        // two values, eq? with a literal, and their negations.
        let branches = """
            (let loop ((vs samples) (bad '()))
              (if (null? vs) bad
                  (let* ((v (car vs))
                         (n (if (fixnum? v) v 0))
                         (direct (list (if (null? v) 1 0) (if (pair? v) 1 0) (if (not v) 1 0) (if (eof-object? v) 1 0)
                                       (if (< n 1) 1 0) (if (>= n 0) 1 0) (if (= n 7) 1 0) (if (eq? v 'x) 1 0)
                                       (if (< n (- n 1)) 1 0) (if (not (< n 1)) 1 0) (and (pair? v) (null? (cdr v)))))
                         (applied (list (if (apply null? (list v)) 1 0) (if (apply pair? (list v)) 1 0)
                                        (if (apply not (list v)) 1 0) (if (apply eof-object? (list v)) 1 0)
                                        (if (apply < (list n 1)) 1 0) (if (apply >= (list n 0)) 1 0)
                                        (if (apply = (list n 7)) 1 0) (if (apply eq? (list v 'x)) 1 0)
                                        (if (apply < (list n (apply - (list n 1)))) 1 0)
                                        (if (apply not (list (apply < (list n 1)))) 1 0)
                                        (and (apply pair? (list v)) (apply null? (list (apply cdr (list v))))))))
                    (loop (cdr vs) (if (equal? direct applied) bad (cons v bad))))))
            """
        XCTAssertEqual(try s.written(branches), "()")
        // Every two-argument builtin with a literal second argument (`prim2Constant`) answers
        // as its procedure does, for every sample and literals of each kind, errors included.
        let literals = ["0", "1", "-1", "4611686018427387903", "1.5", "'x", "#\\a", "'()", "\"s\"", "'(1 2)", "#f"]
        for op in ["+", "-", "*", "<", ">", "<=", ">=", "=", "eq?", "eqv?", "vector-ref"] {
            for literal in literals {
                let disagreements = """
                    (let loop ((vs (cons (vector 'a 'b) samples)) (bad '()))
                      (if (null? vs) bad
                          (let* ((v (car vs))
                                 (direct (handle-exceptions e (list 'error (condition->list e)) (\(op) v \(literal))))
                                 (applied (handle-exceptions e (list 'error (condition->list e)) (apply \(op) (list v \(literal))))))
                            (loop (cdr vs) (if (equal? (format "~s" direct) (format "~s" applied)) bad (cons v bad))))))
                    """
                XCTAssertEqual(try s.written(disagreements), "()", "\(op) \(literal)")
            }
        }
        // A frame with more locals than the instruction's 16-bit slot holds gets the two
        // instructions instead.
        let many = (0..<70000).map { "(v\($0) \($0 == 69999 ? "'(last)" : "0"))" }.joined(separator: " ")
        XCTAssertEqual(try s.written("(let (\(many)) (list (car v69999) (pair? v69999) (null? v69999)))"), "(last #t #f)")
    }

    func testRedefiningAnInlinedBuiltinIsHonoured() throws {
        let (s, _) = makeInterpreter()
        XCTAssertEqual(try s.written("(define (f a b) (+ a b)) (f 1 2)"), "3")
        XCTAssertEqual(try s.written("(set! + (lambda (a b) (* a b))) (f 3 4)"), "12")
        // A procedure compiled with builtin `name` inline: `call` answers `before`, then
        // `after` once the name is set to `replacement`, then `before` again once it is back.
        func checkRedefined(_ name: String, _ definition: String, _ call: String, _ before: String,
                            _ replacement: String, _ after: String, line: UInt = #line) throws {
            XCTAssertEqual(try s.written("\(definition) (define saved \(name)) \(call)"), before, line: line)
            XCTAssertEqual(try s.written("(set! \(name) \(replacement)) \(call)"), after, line: line)
            XCTAssertEqual(try s.written("(set! \(name) saved) \(call)"), before, line: line)
        }
        // `list`, inlined for 1 to 255 arguments, and its fallback call after redefinition.
        let many = (1...256).map(String.init).joined(separator: " ")
        XCTAssertEqual(try s.written("(list (length (list \(many))) (car (reverse (list \(many)))) (list))"), "(256 256 ())")
        try checkRedefined("list", "(define (g a b c) (list a b (list c)))", "(g 1 2 3)", "(1 2 (3))", "vector", "#(1 2 #(3))")
        // `car` of a local variable (`localPrim1`) and `-` with a literal (`prim2Constant`).
        try checkRedefined("car", "(define (first x) (car x))", "(first '(1 2))", "1", "(lambda (p) (list 'mine p))",
                           "(mine (1 2))")
        try checkRedefined("-", "(define (dec n) (- n 1))", "(dec 5)", "4", "(lambda (a b) (list 'minus a b))",
                           "(minus 5 1)")
        // `eof-object?`, inlined because every read loop asks it.
        XCTAssertEqual(try s.written("(define (e? x) (eof-object? x)) (list (e? #!eof) (e? 1) (e? '()))"), "(#t #f #f)")
        XCTAssertEqual(try s.written("(set! eof-object? (lambda (x) 'mine)) (e? #!eof)"), "mine")
    }

    /// A loop capturing continuations in tail position keeps one valid continuation, not
    /// one per iteration (each would hold the one before: memory as long as the loop).
    func testTailCapturesKeepOneValidContinuation() throws {
        let (s, _) = makeInterpreter()
        s.defineProcedure("valid-continuations", arity: .exactly(0)) { _ in
            .fixnum(s.machine.current?.validContinuations.count ?? -1)
        }
        XCTAssertEqual(try s.written("""
            (define (f n) (if (= n 0) (valid-continuations) (call/cc (lambda (k) (f (- n 1))))))
            (list (f 10) (f 10000))
            """), "(1 1)")
    }

    func testDeepRecursionDoesNotCrash() throws {
        let (s, _) = makeInterpreter()
        XCTAssertEqual(try s.written("(define (build n) (if (= n 0) '() (cons n (build (- n 1))))) (length (build 2000000))"), "2000000")
    }

    /// Assigned variables that closures capture live in boxes, which the VM reads and writes
    /// in place (`pushUnboxed`, `storeBoxed`): what a box holds outlives the frame that
    /// stored it, and every closure has its own box.
    func testBoxedVariablesKeepTheirValues() throws {
        let (s, _) = makeInterpreter()
        XCTAssertEqual(try s.written("""
            (define (make-acc)
              (let ((items '()))
                (lambda (x) (if x (set! items (cons (string-append "s" (number->string x)) items))) items)))
            (define a (make-acc))
            (define b (make-acc))
            (let loop ((i 0)) (when (< i 1000) (a i) (if (even? i) (b i)) (loop (+ i 1))))
            (list (length (a #f)) (car (a #f)) (length (b #f)) (car (b #f)))
            """), "(1000 \"s999\" 500 \"s998\")")
        // A boxed variable of the running frame, also set by a closure made in it.
        XCTAssertEqual(try s.written("""
            (define (f n)
              (let ((acc (list 'start)))
                (define (add! x) (set! acc (cons x acc)))
                (let loop ((i 0))
                  (when (< i n) (add! (make-string 2 #\\x)) (set! acc (cons i acc)) (loop (+ i 1))))
                (list (length acc) (car acc) (cadr acc) (list-ref acc (- (length acc) 1)))))
            (f 500)
            """), "(1001 499 \"xx\" start)")
    }

    func testUncaughtErrorCarriesLocationAndText() throws {
        let (s, _) = makeInterpreter()
        XCTAssertThrowsError(try s.eval("(define (f x) (car x))\n(f 5)", file: "e.scm")) { error in
            guard let e = error as? SchemeConditionError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.text, "(car) bad argument type: 5")
            XCTAssertEqual(e.kinds, ["exn", "type"])
            XCTAssertEqual(e.location?.description, "e.scm:1:15")
        }
    }

    func testExitUnwindsWithStatus() {
        let (s, _) = makeInterpreter()
        XCTAssertThrowsError(try s.eval("(exit 3)")) { error in
            XCTAssertEqual((error as? SchemeExit)?.status, 3)
        }
    }

    func testOutputGoesToTheGivenPort() throws {
        let (s, out) = makeInterpreter()
        try s.eval("(display \"hi\") (newline) (print 1 2) (write-line \"x\")")
        XCTAssertEqual(out.contents(), "hi\n12\nx\n")
    }

    /// Prelude.swift is generated from prelude.scm; it must be current.
    func testPreludeSwiftIsCurrent() throws {
        let generated = repositoryRoot + "/Sources/SchemeCore/Prelude/Prelude.swift"
        let before = try String(contentsOfFile: generated, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", repositoryRoot + "/scripts/gen-prelude.py"]
        try p.run()
        p.waitUntilExit()
        let after = try String(contentsOfFile: generated, encoding: .utf8)
        XCTAssertEqual(before, after, "Prelude.swift was stale: run scripts/gen-prelude.py")
    }

    func testEveryLazyPreludeDefinitionLoads() throws {
        let (s, _) = makeInterpreter()
        for (name, source) in Prelude.lazy {
            if source.hasPrefix("(define-syntax") {
                // Syntax is defined on first use: then the name is syntax, not a variable.
                XCTAssertNotNil(s.lazySyntaxBinding(s.symbols.intern(name)), name)
                XCTAssertThrowsError(try s.eval(name), name)
            } else {
                XCTAssertEqual(try s.written("(procedure? \(name))"), "#t", name)
            }
        }
    }

    /// The prelude's syntax-rules macros skip the check of their templates at start-up
    /// (SyntaxRules.init); here each is defined again as a program's macro, which checks it.
    func testPreludeSyntaxRulesPassTheTemplateCheck() throws {
        let (s, _) = makeInterpreter()
        var checked = 0
        for text in [Prelude.eager] + Prelude.lazy.map({ $0.source }) {
            let reader = Reader(text: text, file: "<prelude>", symbols: s.symbols)
            while let form = try reader.read() {
                guard let items = form.listToArray(), items.count == 3, case .symbol(let head) = items[0],
                      head.name == "define-syntax", case .pair(let spec) = items[2],
                      case .symbol(let kind) = spec.car, kind.name == "syntax-rules" else { continue }
                XCTAssertNoThrow(try s.eval("(define-syntax %checked \(items[2].written))"), items[1].written)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 30)
        // A program's macro is checked: the loop above could have failed.
        XCTAssertThrowsError(try s.eval("(define-syntax %bad (syntax-rules () ((_ x) '(x ...))))"))
    }

    func testUserGlobalShadowsLazyPreludeSyntax() throws {
        let (s, _) = makeInterpreter()
        XCTAssertEqual(try s.written("(define (optional x) (list 'mine x)) (optional 1)"), "(mine 1)")
        XCTAssertEqual(try s.written("(let-optionals '(1) ((a 5) (b 6)) (list a b))"), "(1 6)")
    }

    func testUserDefinitionShadowsLazyPreludeOne() throws {
        let (s, _) = makeInterpreter()
        XCTAssertEqual(try s.written("(define (filter p l) 'mine) (filter odd? '(1 2))"), "mine")
    }
}

final class SuspensionTests: XCTestCase {
    /// A preempted thread resumes where it stopped and computes the same result.
    func testPreemptionAtSafePointsAndResume() throws {
        let (s, _) = makeInterpreter()
        let code = try s.compile(Reader(text: "(let loop ((i 0) (acc 0)) (if (= i 100000) acc (loop (+ i 1) (+ acc i))))",
                                        file: "t", symbols: s.symbols).read()!, sourceMap: nil)
        let thread = SchemeThread()
        thread.start(code)
        thread.fuelPerCheck = 1000
        thread.fuel = 1000
        thread.preemptible = true
        var suspensions = 0
        while true {
            let outcome = s.machine.run(thread)
            if case .suspended(.preempted) = outcome { suspensions += 1; continue }
            guard case .finished(let v) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertEqual(v.written, "4999950000")
            break
        }
        XCTAssertGreaterThan(suspensions, 50)
    }

    /// A native procedure that would block stops the thread; resuming repeats the call.
    func testBlockingNativeCallIsRepeatedOnResume() throws {
        let (s, _) = makeInterpreter()
        var attempts = 0
        s.define("try-later", .procedure(Primitive("try-later", .exactly(1), .f1 { v in
            attempts += 1
            if attempts < 3 { throw SchemeError.retry(after: .yield) }
            return v
        })))
        let code = try s.compile(Reader(text: "(list 1 (try-later 2) (apply try-later '(3)))", file: "t", symbols: s.symbols).read()!,
                                 sourceMap: nil)
        let thread = SchemeThread()
        thread.start(code)
        var blocked = 0
        while true {
            let outcome = s.machine.run(thread)
            if case .suspended(.blocked) = outcome { blocked += 1; continue }
            guard case .finished(let v) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertEqual(v.written, "(1 2 3)")
            break
        }
        XCTAssertEqual(blocked, 2)
        XCTAssertEqual(attempts, 4)
    }
}

final class LimitTests: XCTestCase {
    /// Runaway recursion is a catchable error, and the interpreter goes on afterwards.
    func testRunawayRecursionRaisesStackOverflow() throws {
        let (s, _) = makeInterpreter()
        s.machine.stackLimit = 1 << 18
        XCTAssertEqual(try s.written("""
            (handle-exceptions e (list (condition->list e) (%error-text e)) (let f () (+ 1 (f))))
            """), #"(((exn message "stack overflow - recursion too deep" arguments () location #f) (runtime) (limit)) "stack overflow - recursion too deep")"#)
        XCTAssertEqual(try s.written("(define (build n) (if (= n 0) '() (cons n (build (- n 1))))) (length (build 10000))"), "10000")
    }
}
