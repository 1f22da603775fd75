import Glibc

/// `(chicken time posix)`: CHICKEN's 10-element time vectors — seconds, minutes, hours,
/// day of the month, month (0–11), year − 1900, weekday, day of the year, daylight saving
/// time?, and the offset from UTC in seconds west — and their conversions.
extension Interpreter {
    func timePrimitives() -> [Primitive] {
        func vector(_ t: tm) -> Value {
            let fields = [t.tm_sec, t.tm_min, t.tm_hour, t.tm_mday, t.tm_mon, t.tm_year, t.tm_wday, t.tm_yday]
            return .vector(SVector(fields.map { .fixnum(Int($0)) } + [.bool(t.tm_isdst > 0), .fixnum(-t.tm_gmtoff)]))
        }
        func brokenDown(_ args: Arguments, _ i: Int, _ loc: String) throws -> tm {
            guard case .vector(let v) = args[i] else { throw SchemeError.typeMsg(loc, "bad argument type - not a vector", args[i]) }
            guard v.items.count >= 10 else { throw SchemeError.typeMsg(loc, "time vector too short", args[i]) }
            func field(_ k: Int) throws -> Int32 {
                guard case .fixnum(let n) = v.items[k], let small = Int32(exactly: n) else {
                    throw SchemeError.typeMsg(loc, "bad argument type - not a fixnum", v.items[k])
                }
                return small
            }
            var t = tm()
            (t.tm_sec, t.tm_min, t.tm_hour, t.tm_mday) = (try field(0), try field(1), try field(2), try field(3))
            (t.tm_mon, t.tm_year, t.tm_wday, t.tm_yday) = (try field(4), try field(5), try field(6), try field(7))
            t.tm_isdst = v.items[8].isFalse ? 0 : 1
            if case .fixnum(let off) = v.items[9] { t.tm_gmtoff = -off }
            return t
        }
        func seconds(_ args: Arguments, _ loc: String) throws -> Int {
            guard args.count > 0 else { return Int(time(nil)) }
            switch args[0] {
            case .fixnum(let n): return n
            case .flonum(let d) where d.isFinite && abs(d) < 1e17: return Int(d.rounded(.down))
            default: throw SchemeError.typeMsg(loc, "bad argument type - not an integer", args[0])
            }
        }
        func outOfRange(_ loc: String, _ v: Value) -> SchemeError {
            .exn(kinds: ["bounds"], message: "cannot convert time", irritants: [v], location: loc)
        }
        return [
            prim("seconds->local-time", Signature(optional: [.any])) { args in
                guard let t = Posix.brokenDownTime(try seconds(args, "seconds->local-time"), utc: false) else { throw outOfRange("seconds->local-time", args[0]) }
                return vector(t)
            },
            prim("seconds->utc-time", Signature(optional: [.any])) { args in
                guard let t = Posix.brokenDownTime(try seconds(args, "seconds->utc-time"), utc: true) else { throw outOfRange("seconds->utc-time", args[0]) }
                return vector(t)
            },
            prim("local-time->seconds", Signature(.vector)) { args in
                guard let s = Posix.seconds(try brokenDown(args, 0, "local-time->seconds"), utc: false) else { throw outOfRange("local-time->seconds", args[0]) }
                return .fixnum(s)
            },
            prim("utc-time->seconds", Signature(.vector)) { args in
                guard let s = Posix.seconds(try brokenDown(args, 0, "utc-time->seconds"), utc: true) else { throw outOfRange("utc-time->seconds", args[0]) }
                return .fixnum(s)
            },
            // (seconds->string [seconds]): ctime's form, without its newline.
            prim("seconds->string", Signature(optional: [.any])) { args in
                guard let t = Posix.brokenDownTime(try seconds(args, "seconds->string"), utc: false),
                      let s = Posix.format(t, "%a %b %e %H:%M:%S %Y") else { throw outOfRange("seconds->string", args[0]) }
                return .string(MString(s))
            },
            // (time->string vector [format]): strftime, or asctime's form.
            prim("time->string", Signature(.vector, optional: [.string])) { args in
                let format = args.count > 1 ? try args.cString(1) : "%a %b %e %H:%M:%S %Y"
                guard let s = Posix.format(try brokenDown(args, 0, "time->string"), format) else {
                    throw SchemeError.exn(kinds: ["i/o"], message: "time formatting overflows buffer", irritants: [args[0]], location: "time->string")
                }
                return .string(MString(s))
            },
            // (string->time string [format]): strptime; #f if the text does not match.
            prim("string->time", Signature(.string, optional: [.string])) { args in
                let format = args.count > 1 ? try args.cString(1) : "%a %b %e %H:%M:%S %Z %Y"
                return Posix.parse(try args.cString(0), format).map(vector) ?? .false
            },
            prim("local-timezone-abbreviation", Signature()) { _ in .string(MString(Posix.timeZoneAbbreviation)) },
        ]
    }
}
