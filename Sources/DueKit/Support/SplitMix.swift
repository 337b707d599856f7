/// SplitMix64: a tiny deterministic random source, the same on every machine, for generated
/// ledgers and property tests (a failing case can be reproduced from its seed).
public struct SplitMix: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n by modulo: cheap, and what the benchmark generator has always used.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
