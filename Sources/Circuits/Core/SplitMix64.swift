import GateLMSupport

/// The seeded generator of GateLM (defined in GateLMSupport), so that users
/// of Circuits can write `SplitMix64(seed:)` without another import.
public typealias SplitMix64 = GateLMSupport.SplitMix64
