/// A domain name beyond ASCII as a message's header can carry it: each such label written in
/// Punycode after `xn--` (RFC 3492, as IDNA uses it), so `ap@müller.example` can be addressed
/// as `ap@xn--mller-kva.example`, which every mail program reads back.
enum Punycode {
    /// The domain with each label beyond ASCII lowercased and encoded; ASCII labels as they are.
    static func domain(_ text: Substring) -> String {
        // Cut at the dots' bytes: the checker asks this of every client's address.
        text.utf8.split(separator: 0x2E, omittingEmptySubsequences: false).map { bytes -> String in
            let label = Substring(bytes)
            return bytes.allSatisfy { $0 < 0x80 } ? String(label) : "xn--" + encode(Array(label.lowercased().unicodeScalars))
        }.joined(separator: ".")
    }

    static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700

    /// RFC 3492 §6.3: the basic code points, a hyphen, then each other code point as a
    /// variable-length number of the insertions that place it.
    static func encode(_ input: [Unicode.Scalar]) -> String {
        var out = String(String.UnicodeScalarView(input.filter(\.isASCII)))
        let basic = out.unicodeScalars.count
        if basic > 0 { out += "-" }
        var n = 128, delta = 0, bias = 72, handled = basic
        while handled < input.count {
            let m = input.map { Int($0.value) }.filter { $0 >= n }.min()!
            delta += (m - n) * (handled + 1)
            n = m
            for c in input.map({ Int($0.value) }) {
                if c < n { delta += 1 }
                guard c == n else { continue }
                var q = delta, k = base
                while true {
                    let t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
                    if q < t { break }
                    out.unicodeScalars.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                out.unicodeScalars.append(digit(q))
                bias = adapt(delta, handled + 1, first: handled == basic)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return out
    }

    static func digit(_ d: Int) -> Unicode.Scalar {
        Unicode.Scalar(UInt8(d < 26 ? 0x61 + d : 0x30 + d - 26))
    }

    static func adapt(_ delta: Int, _ points: Int, first: Bool) -> Int {
        var d = first ? delta / damp : delta / 2
        d += d / points
        var k = 0
        while d > ((base - tMin) * tMax) / 2 {
            d /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * d / (d + skew)
    }
}
