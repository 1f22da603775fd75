/// Complex numbers' own procedures (R7RS `(scheme complex)` and CHICKEN's `cplxnum?`);
/// the generic arithmetic and `exp`, `sqrt`, `expt`… handle complex numbers themselves.
extension Interpreter {
    func complexPrimitives() -> [Primitive] {
        let real = ArgumentType("real") { Num($0) != nil }
        return [
            prim("make-rectangular", Signature(real, real)) { args in
                Complex.make(try Arith.num(args[0], "make-rectangular").value, try Arith.num(args[1], "make-rectangular").value)
            },
            prim("make-polar", Signature(real, real)) { args in try Complex.polar(args[0], args[1]) },
            prim("real-part", Signature(.number)) { args in try Complex.parts(args[0], "real-part").0 },
            // A flonum's imaginary part is 0.0, as in CHICKEN.
            prim("imag-part", Signature(.number)) { args in
                if case .flonum = args[0] { return .flonum(0) }
                return try Complex.parts(args[0], "imag-part").1
            },
            prim("magnitude", Signature(.number)) { args in try Complex.magnitude(args[0]) },
            prim("angle", Signature(.number)) { args in try Complex.angle(args[0]) },
            prim("cplxnum?") { v in .bool(Complex.isComplex(v)) },
        ]
    }
}
