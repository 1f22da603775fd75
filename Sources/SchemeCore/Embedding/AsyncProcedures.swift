extension Interpreter {
    /// Binds `name` to a procedure implemented by a Swift `async` function. A call converts
    /// its arguments to `SchemeData`, starts `body` in a task of its own, and parks only the
    /// calling green thread until the task is done; other green threads run meanwhile. The
    /// task's result comes back as a Scheme value; an error it throws is raised in the caller
    /// as a condition (`(exn swift)` for a Swift error, see `swiftErrorCondition`).
    ///
    /// Arguments that have no plain form (procedures, ports, records) are refused with a
    /// type error before any task starts. A call made from a nested evaluation (a native
    /// procedure calling back into Scheme) cannot wait for a task and raises "deadlock".
    public func defineAsyncProcedure(_ name: String, arity: Arity,
                                     _ body: @escaping @Sendable ([SchemeData]) async throws -> SchemeData) {
        defineProcedure(name, arity: arity) { [unowned self] args in
            var data: [SchemeData] = []
            for v in args.array {
                do { data.append(try SchemeData(v)) } catch {
                    throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not plain data",
                                          irritants: [v], location: name)
                }
            }
            let bridge = try self.asyncBridge(for: name)
            let call = AsyncCall()
            bridge.started()
            Task.detached {
                let r: Result<SchemeData, any Error>
                do { r = .success(try await body(data)) } catch { r = .failure(error) }
                call.finish(r)
                bridge.finished(call)
            }
            throw SchemeError.wait(.queue(call.queue, deadline: nil), then: { [unowned self] _ in
                switch call.outcome {
                case .success(let d)?: return .result(d.value(in: self))
                case .failure(let e)?: throw e
                case nil:  // not reached: the thread is woken once the result is in
                    throw SchemeError.exn(kinds: [], message: "async procedure woke without a result", irritants: [], location: name)
                }
            })
        }
    }

    /// The bridge for async procedures' results, made on first use (its pipe needs two
    /// descriptors: a program that used them all gets an error, not a crash).
    func asyncBridge(for name: String) throws -> AsyncBridge {
        if let b = asyncBridgeStorage { return b }
        do {
            let b = try AsyncBridge()
            asyncBridgeStorage = b
            return b
        } catch let e as Errno {
            throw SchemeError.exn(kinds: ["i/o"], message: "cannot start async call - \(e.text)", irritants: [], location: name)
        }
    }
}
