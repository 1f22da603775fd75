import CSystem
import Glibc

extension Posix {
    /// `localtime_r` or `gmtime_r` of `seconds`.
    public static func brokenDownTime(_ seconds: Int, utc: Bool) -> tm? {
        var t = time_t(seconds)
        var out = tm()
        let ok = utc ? gmtime_r(&t, &out) : localtime_r(&t, &out)
        return ok == nil ? nil : out
    }

    /// `mktime` (local time) or `timegm` (UTC) of a broken-down time; nil if out of range.
    public static func seconds(_ time: tm, utc: Bool) -> Int? {
        var t = time
        let s = utc ? timegm(&t) : mktime(&t)
        return s == -1 && !(t.tm_year == 69 && t.tm_mday == 31) ? nil : Int(s)
    }

    /// `strftime` with `format`; nil if the result does not fit 4 KiB.
    public static func format(_ time: tm, _ format: String) -> String? {
        var t = time
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = strftime(&buffer, buffer.count, format, &t)
        if n == 0 && !format.isEmpty { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `strptime(text, format)`; nil unless the whole format matched.
    public static func parse(_ text: String, _ format: String) -> tm? {
        var t = tm()
        guard csystem_strptime(text, format, &t) != nil else { return nil }
        return t
    }

    /// The abbreviation of the local time zone now (`CET`, `UTC`).
    public static var timeZoneAbbreviation: String {
        guard let now = brokenDownTime(Int(time(nil)), utc: false), let zone = now.tm_zone else { return "" }
        return String(cString: zone)
    }
}
