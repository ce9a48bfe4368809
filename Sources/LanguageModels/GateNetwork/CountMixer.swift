import Foundation
import Learning
import Text

/// The trainable side of a `CountROM`: the counted tables (fixed) and the learned mixing
/// weights, kept as floats `u` in nats and used as the integers `clamp(round(u·τ), 0, 2^B − 1)`
/// in score units in every forward pass (straight-through rounding: the soft model adds
/// exactly what the circuit adds, so the ROM part has no discretisation gap).
public final class CountMixer {
    /// The counted tables (the ROM's contents).
    public let tables: [CountTable]
    public let slots: Int
    public let weightBits: Int
    /// Whether a class votes only from the highest order holding it (see `CountROM.backOff`).
    public let backOff: Bool
    /// τ of the readout: a weight of u nats is u·τ score units.
    public let temperature: Float
    /// The learned weights u (nats), `[(t·slots + k)·CountLevel.count + level]`; level 0 is ignored.
    public let weights: AlignedBuffer<Float>
    public let weightGradient: AlignedBuffer<Float>
    /// The counts behind the tables, for leave-one-out training features (nil until attached).
    public private(set) var statistics: CountStatistics?
    /// `hash.rowTable` of each table.
    let rowTables: [[UInt32]]

    /// A mixer over `tables` with `weights` (nil: the initial weights).
    public init(tables: [CountTable], slots: Int, weightBits: Int, backOff: Bool, temperature: Float, weights: [Float]? = nil) {
        let count = tables.count * slots * CountLevel.count
        precondition(weights == nil || weights!.count == count, "one weight per (table, slot, level)")
        self.tables = tables
        self.slots = slots
        self.weightBits = weightBits
        self.backOff = backOff
        self.temperature = temperature
        self.weights = AlignedBuffer(weights ?? Self.initialWeights(count: count))
        weightGradient = AlignedBuffer(count: count)
        rowTables = tables.map(\.hash.rowTable)
    }

    /// Counts the training text and builds the tables from it.
    public convenience init(statistics: CountStatistics, weightBits: Int, backOff: Bool, temperature: Float) {
        self.init(tables: statistics.tables(), slots: statistics.slots, weightBits: weightBits, backOff: backOff, temperature: temperature)
        self.statistics = statistics
    }

    /// Initial weights: a vote that grows with the level's share bucket (about 0.3 to 1.8 nats).
    static func initialWeights(count: Int) -> [Float] {
        (0..<count).map { i in
            let level = i % CountLevel.count
            return level == 0 ? 0 : 0.3 * Float((level - 1) % 6 + 1)
        }
    }

    /// Attaches the counts (for resumed training); throws when they do not give these tables
    /// (a different corpus or split).
    public func attach(_ statistics: CountStatistics) throws {
        guard statistics.tables() == tables else {
            throw CountMismatch(description: "the count ROM in the model was not counted from this corpus's training split")
        }
        self.statistics = statistics
    }

    public struct CountMismatch: Error, CustomStringConvertible { public var description: String }

    /// The integer score of weight `index`.
    @inlinable func integerWeight(_ index: Int) -> Int {
        Int(Self.vote(weights[index] * temperature, index: index, weightBits: weightBits))
    }

    /// The vote that weight `index` casts when it is `scoreUnits` before rounding: rounded and
    /// clamped to 0 ... 2^weightBits − 1, and 0 for level 0 (an empty slot).
    @inlinable static func vote(_ scoreUnits: Float, index: Int, weightBits: Int) -> Float {
        index % CountLevel.count == 0 ? 0 : min(max(scoreUnits.rounded(), 0), Float((1 << weightBits) - 1))
    }

    /// The discrete ROM: the tables and the integer weights.
    public func discretized() -> CountROM {
        CountROM(tables: tables, slots: slots, weightBits: weightBits,
                 weights: (0..<weights.count).map { UInt8(integerWeight($0)) }, backOff: backOff)
    }

    public var entriesPerContext: Int { tables.count * slots }

    /// Each sample's entries into `entries` (`[sample · entriesPerContext + t·slots + k]`): from the
    /// tables, or, with `leaveOneOut` (training positions), from the counts without the
    /// sample's own occurrence of `targets[sample]` (a class index, or −1); with `backOff`, the
    /// entries a higher order shadows are emptied.
    func entries(contexts: UnsafePointer<UInt8>, batch: Int, contextLength: Int, targets: UnsafePointer<Int32>,
                 leaveOneOut: Bool, rows: UnsafeMutablePointer<UInt32>, into entries: UnsafeMutablePointer<UInt16>) {
        guard leaveOneOut else {
            CountROM.entries(tables: tables, slots: slots, backOff: backOff, contexts: contexts, count: batch, contextLength: contextLength,
                             rowTables: rowTables, rows: rows, into: entries)
            return
        }
        guard let statistics else { preconditionFailure("leave-one-out features need the counts: attach them first") }
        let perContext = entriesPerContext
        for (t, table) in tables.enumerated() {
            rowTables[t].withUnsafeBufferPointer { rowTable in
                ContextHash.rows(of: contexts, count: batch, contextLength: contextLength, table: rowTable.baseAddress!,
                                 order: table.hash.order, into: rows)
            }
            for sample in 0..<batch {
                let target = Int(targets[sample])
                statistics.entries(table: t, row: Int(rows[sample]), excluding: target >= 0 ? target : nil,
                                   into: entries + sample * perContext + t * slots)
            }
        }
        if backOff { CountROM.shadowLowerOrders(orders: tables.map(\.hash.order), slots: slots, count: batch, entries: entries) }
    }

    /// Score offsets `[class · batch + sample]` (overwritten) from the samples' entries.
    func offsets(entries: UnsafePointer<UInt16>, batch: Int, classCount: Int, into offsets: UnsafeMutablePointer<Float>) {
        offsets.update(repeating: 0, count: classCount * batch)
        let perContext = entriesPerContext
        let integer = (0..<weights.count).map { Float(integerWeight($0)) }
        for sample in 0..<batch {
            for j in 0..<perContext {
                let (c, level) = CountTable.unpack(entries[sample * perContext + j])
                offsets[c * batch + sample] += integer[j * CountLevel.count + level]
            }
        }
    }

    /// The weights' gradient (overwritten) from ∂loss/∂offsets: τ·∂loss/∂score for every weight
    /// used, passed straight through the rounding while u·τ is inside the weight range.
    func backward(entries: UnsafePointer<UInt16>, batch: Int, offsetGradient: UnsafePointer<Float>) {
        weightGradient.zero()
        let perContext = entriesPerContext, top = Float((1 << weightBits) - 1)
        for sample in 0..<batch {
            for j in 0..<perContext {
                let (c, level) = CountTable.unpack(entries[sample * perContext + j])
                guard level != 0 else { continue }
                weightGradient[j * CountLevel.count + level] += temperature * offsetGradient[c * batch + sample]
            }
        }
        for i in 0..<weights.count {
            let scaled = weights[i] * temperature
            let g = weightGradient[i]
            // Outside the range the rounding is flat, except toward it.
            if (scaled < 0 && g > 0) || (scaled > top && g < 0) { weightGradient[i] = 0 }
        }
    }
}
