/// One VM instruction. Operands are indices into the code's tables or frame slots, so an
/// instruction stays small; the stack machine keeps temporaries above the frame's slots.
enum Instruction {
    /// Push `constants[i]`.
    case constant(Int32)
    /// Push a small fixnum.
    case fixnum(Int32)
    /// Push the frame slot `fp + i`.
    case local(Int32)
    /// Push the contents of the box in frame slot `i`.
    case localUnbox(Int32)
    /// Pop into frame slot `i`.
    case setLocal(Int32)
    /// Pop into the box in frame slot `i`.
    case setLocalBoxed(Int32)
    /// Replace frame slot `i` with a box holding its value.
    case boxLocal(Int32)
    /// Push captured value `i` of the running closure.
    case captured(Int32)
    /// Push the contents of the box that is captured value `i`.
    case capturedUnbox(Int32)
    /// Pop into the box that is captured value `i`.
    case setCapturedBoxed(Int32)
    /// Push the value of the global whose symbol is `constants[i]` (error if unbound).
    case global(Int32)
    /// Pop into an existing global (`set!`).
    case setGlobal(Int32)
    /// Pop into a global, creating it (`define`).
    case defineGlobal(Int32)
    case pop
    case jump(Int32)
    /// Pop; jump if the value is `#f`.
    case jumpIfFalse(Int32)
    /// Pop `n` captured values and push a closure of `codes[i]` over them.
    case closure(Int32, Int32)
    /// Pop `n` captured values and push one closure per code in `codes[first..<first+count]`,
    /// all sharing the same environment (a `letrec` group: no reference cycles).
    case group(first: Int32, count: Int32, captured: Int32)
    /// Push a closure of group member `siblings[i]` over the running closure's environment.
    case sibling(Int32)
    /// Call the procedure below the top `argc` values.
    case call(Int32)
    case tailCall(Int32)
    /// Call group member `siblings[i]` directly (no closure allocation); a placeholder
    /// occupies the callee slot.
    case callSibling(Int32, Int32)
    case tailCallSibling(Int32, Int32)
    /// Inline fast path of a builtin whose global is `constants[sym]`, falling back to a
    /// normal call if the program has redefined it.
    case prim1(InlineOp, Int32)
    /// `local(slot)` then `prim1(op, sym)` in one: the builtin reads the local where it lies,
    /// so a predicate or pair access of a variable neither dispatches twice nor copies the
    /// variable's value (a retain and a release). The slot is 16 bits, for the same reason
    /// as `primN`'s count; a frame with more locals gets the two instructions.
    case localPrim1(InlineOp, UInt16, Int32)
    case prim2(InlineOp, Int32)
    /// `constant(c)` then `prim2(op, sym)` in one, for `(eq? x 'sym)` and `(- n 1)`: the
    /// constant is read where it lies in the code's table, neither pushed nor copied. Its
    /// index is 16 bits, as `localPrim1`'s slot is; `cons` keeps the two instructions (its
    /// pair must own both values).
    case prim2Constant(InlineOp, UInt16, Int32)
    /// The same for a builtin of any number of arguments: `argc` (1 to 255) of them, then
    /// the symbol. The count is a byte so the operands fit the first word, as `prim2`'s
    /// do: a second word made every dispatch sign-extend it (fib +1.6 %, callgrind).
    case primN(InlineOp, UInt8, Int32)
    case ret
}

/// Builtins the compiler can inline (with a guard that the global still holds the builtin).
enum InlineOp: UInt8 {
    case add, sub, mul, lt, gt, le, ge, numEq, eq, cons, car, cdr, isNull, isPair, not, isZero
    case vectorRef, add1, sub1, cadr, cddr, caddr, eqv, isEof
    /// The prelude's `%leaf-procedure?` (see ListWalkPrimitives), asked on every `map`.
    case isLeafProcedure
    /// Emitted as `primN`, for one or more arguments.
    case list
}
